// The workspace as an OpenID Connect relying party (openid-client, the certified client of the
// Node.js field): the authorization code flow with PKCE, state and nonce, against the issuer whose
// tokens the API already trusts (JWT_ISSUER). Tokens stay in the server's session; the browser
// never sees one.
import * as oidc from 'openid-client';

export interface SignInSettings {
  /** The identity provider: the same issuer the API verifies people's tokens against. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The API's audience: the resource its access tokens are asked for. */
  audience: string;
  /** Where the identity provider sends the person back: `<PUBLIC_BASE_URL>/auth/callback`. */
  redirectUri: string;
  /** Where a sign-out at the identity provider ends: the workspace's first page. */
  postLogoutRedirectUri: string;
}

/** What a sign-in waits for, kept in the session between the redirect and the callback. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  /** A path of the workspace's own to return to. */
  returnTo: string;
}

export interface SessionTokens {
  accessToken: string;
  refreshToken: string | null;
  idToken: string | null;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
}

const scope = 'openid profile offline_access iop';

export function createRelyingParty(settings: SignInSettings) {
  let discovered: Promise<oidc.Configuration> | null = null;
  // Found when first needed, and asked again after a failure: the identity provider may start later than the API.
  const configuration = () =>
    (discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        // A provider on this machine (npm start's) is reached over http; any other only over https.
        ...(isLoopbackHttp(settings.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
        timeout: 5,
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      }));

  const tokensOf = (response: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, previous?: SessionTokens): SessionTokens => ({
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
    idToken: response.id_token ?? previous?.idToken ?? null,
    accessTokenExpiresAt: Date.now() + (response.expiresIn() ?? 300) * 1000,
  });

  return {
    /** Where to send the browser to sign in, and what the callback must find. */
    async begin(returnTo: string): Promise<{ url: string; pending: PendingSignIn }> {
      const config = await configuration();
      const pending: PendingSignIn = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope,
        resource: settings.audience,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
      });
      return { url: url.href, pending };
    },

    /** The tokens for the code the identity provider sent back; throws for a callback that does not match its sign-in. */
    async complete(callbackUrl: URL, pending: PendingSignIn): Promise<{ tokens: SessionTokens; name: string }> {
      const config = await configuration();
      const response = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true },
        { resource: settings.audience },
      );
      const claims = response.claims();
      const name = typeof claims?.name === 'string' && claims.name ? claims.name : String(claims?.sub ?? '');
      return { tokens: tokensOf(response), name };
    },

    async refresh(tokens: SessionTokens): Promise<SessionTokens> {
      if (!tokens.refreshToken) throw new Error('no refresh token');
      const response = await oidc.refreshTokenGrant(await configuration(), tokens.refreshToken, { resource: settings.audience });
      return tokensOf(response, tokens);
    },

    /** The identity provider's sign-out, which returns to the workspace; null when it has none. */
    async signOutUrl(idToken: string | null): Promise<string | null> {
      const config = await configuration().catch(() => null);
      if (!config?.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: settings.postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) }).href;
    },
  };
}

export type RelyingParty = ReturnType<typeof createRelyingParty>;

function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

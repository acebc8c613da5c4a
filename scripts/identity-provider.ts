// The embedded OpenID provider as a process of its own, as `npm start` and the tests run it (its
// settings come from the environment; scripts/lib/identity-provider.ts is the provider).
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JWK } from 'oidc-provider';
import { createIdentityProvider } from './lib/identity-provider';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The signing key, made once and kept in a file of its own (mode 600), so that a restart keeps tokens valid. */
function signingKey(file: string): JWK {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), use: 'sig', alg: 'RS256' };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

const app = createIdentityProvider({
  issuer: need('IDP_ISSUER'),
  audience: need('IDP_AUDIENCE'),
  client: { id: need('IDP_CLIENT_ID'), secret: need('IDP_CLIENT_SECRET'), redirectUri: need('IDP_REDIRECT_URI'), postLogoutRedirectUri: need('IDP_POST_LOGOUT_REDIRECT_URI') },
  signingKey: signingKey(need('IDP_KEY_FILE')),
  ...(process.env.IDP_ACCESS_TOKEN_SECONDS ? { accessTokenSeconds: Number(process.env.IDP_ACCESS_TOKEN_SECONDS) } : {}),
});
const port = Number(new URL(need('IDP_ISSUER')).port || 80);
const server = app.listen(port, '127.0.0.1', () => process.send?.('ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

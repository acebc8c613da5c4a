// What a browser does with cookies and redirects, without a browser: enough to walk a sign-in over
// HTTP, host by host, as the API and the identity provider see it.
export class CookieClient {
  private readonly jar = new Map<string, Map<string, string>>();

  private cookieHeader(url: URL): string {
    return [...(this.jar.get(url.host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(url: URL, response: Response): void {
    const cookies = this.jar.get(url.host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()) || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) cookies.delete(name!.trim());
      else cookies.set(name!.trim(), value.join('='));
    }
    this.jar.set(url.host, cookies);
  }

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  /** One request, its redirect not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const response = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader(target) } });
    this.keep(target, response);
    return response;
  }

  /** Requests and follows every redirect, as a browser would, to the page it ends on. */
  async follow(url: string, init: RequestInit = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error(`too many redirects from ${url}`);
      current = new URL(response.headers.get('location')!, current).href;
      response = await this.request(current);
    }
    return { response, url: current };
  }
}

/**
 * Signs in to the workspace at `baseUrl` as a demo person, clicking its button on the provider's
 * page; answers the client holding the session and the URL the sign-in ended on.
 */
export async function signInOverHttp(baseUrl: string, login: string, returnTo = '/'): Promise<{ client: CookieClient; landedOn: string }> {
  const client = new CookieClient();
  const { response, url } = await client.follow(`${baseUrl}/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  if (new URL(url).origin === new URL(baseUrl).origin) throw new Error(`the sign-in did not go to the identity provider: ${url}`);
  const page = await response.text();
  const action = new RegExp(`<form method="post" action="([^"]+)"><input type="hidden" name="login" value="${login}">`).exec(page)?.[1];
  if (!action) throw new Error(`no button for ${login} on the sign-in page:\n${page}`);
  const landed = await client.follow(new URL(action, url).href, {
    method: 'POST',
    body: new URLSearchParams({ login }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { client, landedOn: landed.url };
}

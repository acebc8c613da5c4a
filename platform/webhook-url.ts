// Where a webhook may point (OWASP API7, SSRF): https to a public address. A private, loopback,
// link-local or otherwise special address is refused unless the deployment allows it (for
// development and tests). Checked when a subscription is made and again before every delivery,
// since a name can come to resolve elsewhere.
import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export async function webhookUrlProblem(text: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be https';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return 'names a host that does not resolve';
  }
  const special = addresses.find((address) => ipaddr.process(address).range() !== 'unicast');
  return special ? `resolves to ${special}, a private or special address` : null;
}

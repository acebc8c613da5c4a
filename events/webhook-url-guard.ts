// Where a webhook may point (OWASP API7, SSRF): https to a public address. A private, loopback,
// link-local or otherwise special address is refused unless the deployment allows it (for
// development and tests). Checked when a subscription is made, before every delivery, and again
// on the address each delivery's connection is made to (events/webhook-attempt.ts): a name can
// come to resolve elsewhere between the check and the connection (DNS rebinding).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Every address a name resolves to, as `dns.lookup(name, { all: true })` answers. */
export type Resolver = (hostname: string, options: LookupOptions) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname, options) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { ...options, all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

// The IANA IPv6 Address Space registry allocates only 2000::/3 as global unicast: the rest is
// reserved by the IETF (deprecated site-local fec0::/10 among it) or special.
const globalUnicast = ipaddr.parseCIDR('2000::/3');

// Blocks of the IANA IPv4 and IPv6 Special-Purpose Address Registries that ipaddr.js 2.5 still
// calls unicast; every other block of both registries it names (test/unit/webhook-url-guard.test.ts holds them all).
const specialBlocksUnnamedByIpaddr = [
  // RFC 9780, Dummy IPv6 Prefix.
  ipaddr.parseCIDR('100:0:0:1::/64'),
];

/**
 * Whether an address is anything but a public unicast one. ipaddr.js names most special-purpose
 * blocks; an IPv4-mapped IPv6 address is one of them (the registry's ::ffff:0:0/96), whatever it carries.
 */
export function isSpecialAddress(text: string): boolean {
  if (!ipaddr.isValid(text)) return true;
  const address = ipaddr.parse(text);
  if (address.range() !== 'unicast') return true;
  if (address.kind() === 'ipv6' && !address.match(globalUnicast)) return true;
  return specialBlocksUnnamedByIpaddr.some((block) => address.kind() === block[0].kind() && address.match(block));
}

/** The refusal of a name that resolves to a special address, as the connection's error. */
class SpecialAddressError extends Error {
  readonly code = 'ESPECIALADDRESS';
}

/**
 * A `lookup` for `net.connect` that resolves as `dns.lookup` does and refuses a name with any
 * special address among its answers: the connection is made to what this answers, so no later
 * answer can slip past the check.
 */
export function publicOnlyLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, options).then(
      (addresses) => {
        const special = addresses.find((a) => isSpecialAddress(a.address));
        if (special) return callback(new SpecialAddressError(`${hostname} resolves to ${special.address}, a private or special address`), '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 0);
        if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

export async function webhookUrlProblem(text: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<string | null> {
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
    addresses = ipaddr.isValid(host) ? [host] : (await resolve(host, {})).map((a) => a.address);
  } catch {
    return 'names a host that does not resolve';
  }
  const special = addresses.find(isSpecialAddress);
  return special ? `resolves to ${special}, a private or special address` : null;
}

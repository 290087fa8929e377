import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ApiError } from '../errors.js';

/**
 * Where webhooks may go. A merchant chooses its webhook URL, so without this a server hosting
 * several merchants would POST into the operator's own network for them (server-side request
 * forgery): only public unicast addresses are allowed, unless the operator says otherwise.
 */
export interface WebhookAddressPolicy {
  /** FLOCK_ALLOW_PRIVATE_WEBHOOKS=1: loopback and private addresses too (development, tests). */
  allowPrivateAddresses: boolean;
  /** Resolves host names, as node:dns lookup does (tests inject their own). */
  lookup: LookupFunction;
}

export const publicWebhooksOnly: WebhookAddressPolicy = { allowPrivateAddresses: false, lookup: dnsLookup as LookupFunction };

/** IPv4-compatible IPv6 (::a.b.c.d, deprecated): ipaddr.js counts it as unicast, but it embeds an IPv4 address. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why a webhook may not go to `address` (an IP literal): the name of its range ('loopback',
 * 'private', 'linkLocal', 'carrierGradeNat', 'uniqueLocal', …), or null for a public unicast address.
 */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // ::ffff:127.0.0.1 reaches 127.0.0.1: judge the IPv4 address it carries.
    if (v6.isIPv4MappedAddress()) return forbiddenRange(v6.toIPv4Address().toString());
    if (v6.range() === 'unicast' && v6.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  }
  const range = parsed.range();
  return range === 'unicast' ? null : range;
}

/** Names that always mean this machine (RFC 6761), whatever a resolver says. */
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The URL's host as an address literal or a name (URL keeps IPv6 literals in brackets). */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();

/** Why the URL's host itself is refused (a localhost name, an address literal in a forbidden range), without resolving it. */
function hostRefusal(host: string): string | null {
  if (isLocalhostName(host)) return 'names this machine';
  if (!ipaddr.isValid(host)) return null;
  const range = forbiddenRange(host);
  return range && `is a ${range} address`;
}

const notAllowed = (url: string, why: string) =>
  new ApiError(
    'webhook_url_not_allowed',
    `The webhook URL ${url} ${why}: webhooks go to public addresses only (the operator may allow private ones with FLOCK_ALLOW_PRIVATE_WEBHOOKS=1).`,
    [{ path: ['webhookUrl'], message: why }],
  );

/** Every address `host` resolves to, through the policy's lookup. */
function resolveAll(policy: WebhookAddressPolicy, host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    policy.lookup(host, { all: true }, (error, addresses) =>
      error ? reject(error) : resolve(Array.isArray(addresses) ? addresses : [{ address: addresses, family: 0 }]),
    ),
  );
}

/**
 * Checks a webhook URL when it is saved: a localhost name or an address literal in a forbidden
 * range is refused, and so is a name that resolves into one. A name that does not resolve yet is
 * accepted (the receiver may not be deployed yet): each delivery checks again after resolving.
 */
export async function assertWebhookUrlAllowed(url: string, policy: WebhookAddressPolicy): Promise<void> {
  if (policy.allowPrivateAddresses) return;
  const host = hostOf(new URL(url));
  const refusal = hostRefusal(host);
  if (refusal) throw notAllowed(url, refusal);
  if (ipaddr.isValid(host)) return;
  for (const { address } of await resolveAll(policy, host).catch(() => [])) {
    const range = forbiddenRange(address);
    if (range) throw notAllowed(url, `resolves to ${address}, a ${range} address`);
  }
}

/** Why a delivery may not go to this URL before any lookup (null: go on, through deliveryLookup). */
export function deliveryRefusal(url: URL, policy: WebhookAddressPolicy): string | null {
  if (policy.allowPrivateAddresses) return null;
  const refusal = hostRefusal(hostOf(url));
  return refusal && `webhook host ${url.host} ${refusal}: not allowed`;
}

/**
 * The lookup a delivery connects with: it resolves through the policy and fails unless every
 * address is allowed, and the socket then connects to one of exactly those addresses, so a second
 * DNS answer (DNS rebinding) never gets a say. With private addresses allowed, the policy's lookup as is.
 */
export function deliveryLookup(policy: WebhookAddressPolicy): LookupFunction {
  if (policy.allowPrivateAddresses) return policy.lookup;
  return (hostname, options, callback) => {
    const fail = (message: string, code: string) => callback(Object.assign(new Error(message), { code }), '', 0);
    resolveAll(policy, hostname).then(
      (addresses) => {
        const refused = addresses.find(({ address }) => forbiddenRange(address));
        if (refused) {
          const range = forbiddenRange(refused.address);
          return fail(
            `webhook host ${hostname} resolves to ${refused.address}, a ${range} address: not allowed`,
            'EWEBHOOKADDRESS',
          );
        }
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family ? addresses.filter((a) => a.family === family) : addresses;
        const [first] = usable;
        if (!first) return fail(`webhook host ${hostname} has no address`, 'ENOTFOUND');
        if (options.all) return callback(null, usable);
        callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

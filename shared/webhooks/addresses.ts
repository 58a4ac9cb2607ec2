/**
 * Which network addresses a webhook may be delivered to. A webhook URL is chosen by a
 * tenant, and the dispatcher runs inside our account: without this, a URL (or a host name
 * that resolves, or later re-resolves, to such an address) could make it talk to the
 * Lambda runtime API on 127.0.0.1, link-local metadata endpoints, or private networks.
 *
 * Only public unicast addresses are deliverable. Loopback is the one exception, and only
 * where the stage allows it (dev: receivers on this machine, the local platform).
 * Checked twice: when the URL is registered (IP literals, `localhost`) and when each
 * delivery connects (every address the host name resolves to; webhooks/deliver.ts).
 */
import { BlockList, isIP } from 'node:net';

export type AddressKind = 'public' | 'loopback' | 'not-public';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** IANA special-purpose ranges (RFC 6890 and successors) that are not publicly routable. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['169.254.0.0', 16], // link-local (instance metadata lives here)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['64:ff9b::', 96], // NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');
}

/**
 * Classifies an IP address (v4 or v6, without brackets); anything unparseable is not
 * public. node:net's BlockList matches IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) against
 * the IPv4 rules, so `::ffff:127.0.0.1` is loopback and `::ffff:10.0.0.1` private.
 */
export function addressKind(address: string): AddressKind {
  const family = isIP(address);
  if (family === 0) return 'not-public';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (LOOPBACK.check(address, type)) return 'loopback';
  if (NOT_PUBLIC.check(address, type)) return 'not-public';
  return 'public';
}

/** True when a delivery may connect to `address`. */
export function isDeliverableAddress(address: string, allowLoopback: boolean): boolean {
  const kind = addressKind(address);
  return kind === 'public' || (kind === 'loopback' && allowLoopback);
}

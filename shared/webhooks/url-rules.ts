/**
 * The rules a webhook URL must meet to be registered (PUT /v1/webhook). Pure.
 *
 * - An absolute https URL of at most 2048 characters. Plain http only to a loopback host
 *   (127.0.0.0/8, [::1], localhost), and only where the stage allows loopback (dev).
 * - No credentials (`user:password@`): the secret that proves who is calling is the
 *   signature, and a password in a URL would sit in our table and logs.
 * - No fragment (it is never sent, so it would only mislead).
 * - The host is a DNS name with at least one dot, or a public IP address
 *   (webhooks/addresses.ts). Name resolution is checked again at every delivery.
 */
import { isIP } from 'node:net';
import { addressKind } from './addresses';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

/** The host of a parsed URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function isLoopbackHostName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || addressKind(h) === 'loopback';
}

export function checkWebhookUrl(raw: string, opts: { allowLoopback: boolean }): UrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return { ok: false, reason: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute URL, e.g. https://hooks.example.com/anxin' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'must not contain credentials (user:password@)' };
  if (url.hash !== '' || raw.includes('#')) return { ok: false, reason: 'must not have a fragment (#…)' };
  const host = hostOf(url);
  const loopback = isLoopbackHostName(host);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'must use https' };
  if (loopback) {
    if (!opts.allowLoopback) return { ok: false, reason: 'must not point to this machine (loopback)' };
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'must use https' };
  if (isIP(host) !== 0) {
    if (addressKind(host) !== 'public') return { ok: false, reason: 'must be a public address (no private, link-local or reserved ranges)' };
  } else if (!host.replace(/\.$/, '').includes('.')) {
    return { ok: false, reason: 'must name a public host (a DNS name with a dot, or a public IP address)' };
  }
  return { ok: true, url: url.href };
}

/**
 * webhooks/deliver.ts against real local HTTP servers: 2xx is delivered, anything else is a
 * failed attempt with a reason — another status, a redirect (not followed), a receiver that
 * never answers (the attempt timeout), a closed port — and addresses webhooks are not
 * delivered to are refused before a byte is sent, also when a host NAME resolves to them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../shared/webhooks/deliver';

let server: Server;
let base: string;
const seen: { path: string; headers: IncomingMessage['headers']; body: string }[] = [];
const hanging = new Set<ServerResponse>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body });
      if (req.url === '/ok') return res.writeHead(204).end();
      if (req.url === '/accepted') return res.writeHead(202, { 'content-type': 'text/plain' }).end('x'.repeat(100_000));
      if (req.url === '/error') return res.writeHead(500).end('boom');
      if (req.url === '/redirect') return res.writeHead(307, { location: '/ok' }).end();
      if (req.url === '/hang') return void hanging.add(res);
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const opts = (extra: Partial<Parameters<typeof postWebhook>[2]> = {}) => ({ timeoutMs: 1_000, allowLoopback: true, headers: { 'webhook-id': 'evt_1', 'content-type': 'application/cloudevents+json' }, ...extra });

describe('postWebhook', () => {
  it('delivers with a 2xx: the body and headers arrive as given', async () => {
    expect(await postWebhook(`${base}/ok`, '{"id":"evt_1"}', opts())).toEqual({ ok: true, status: 204 });
    expect(seen.at(-1)).toMatchObject({ path: '/ok', body: '{"id":"evt_1"}', headers: { 'webhook-id': 'evt_1', 'content-type': 'application/cloudevents+json', 'content-length': '14' } });
    expect(await postWebhook(`${base}/accepted`, '{}', opts())).toEqual({ ok: true, status: 202 });
  });

  it('fails an attempt on another status, and does not follow redirects', async () => {
    expect(await postWebhook(`${base}/error`, '{}', opts())).toEqual({ ok: false, status: 500, error: 'HTTP 500' });
    expect(await postWebhook(`${base}/redirect`, '{}', opts())).toEqual({ ok: false, status: 307, error: 'HTTP 307' });
    expect(seen.filter((s) => s.path === '/ok')).toHaveLength(1);
  });

  it('gives up on a receiver that never answers after the attempt timeout', async () => {
    const started = Date.now();
    expect(await postWebhook(`${base}/hang`, '{}', opts({ timeoutMs: 500 }))).toEqual({ ok: false, error: 'no answer within 500 ms' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await postWebhook(`http://127.0.0.1:${port}/x`, '{}', opts())).toEqual({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('refuses loopback when the stage does not allow it — by IP literal, and by a name that resolves to it', async () => {
    const before = seen.length;
    expect(await postWebhook(`${base}/ok`, '{}', opts({ allowLoopback: false }))).toEqual({ ok: false, error: expect.stringMatching(/not an address webhooks are delivered to/) });
    const port = new URL(base).port;
    expect(await postWebhook(`http://localhost:${port}/ok`, '{}', opts({ allowLoopback: false }))).toEqual({
      ok: false,
      error: expect.stringMatching(/^EADDRNOTALLOWED: localhost resolves to (127\.0\.0\.1|::1)/),
    });
    expect(seen.length).toBe(before);
  });

  it('never connects to link-local or private addresses, loopback allowed or not', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data', 'https://10.0.0.1/hook']) {
      expect(await postWebhook(url, '{}', opts())).toEqual({ ok: false, error: expect.stringMatching(/not an address/) });
    }
  });
});

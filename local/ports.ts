import { createServer } from 'node:net';
import type { PlatformOptions } from './platform';

export class PortTakenError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
    readonly flag: string,
  ) {
    super(`Port ${port} (${what}) is already in use. Stop whatever uses it, or choose another port with ${flag} <port>.`);
  }
}

/** Fails early and clearly when a fixed port is taken (0 means "any free port" and always passes). */
export function assertPortFree(port: number, host: string, what: string, flag: string): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', () => reject(new PortTakenError(port, what, flag)));
    server.listen(port, host, () => server.close(() => resolvePromise()));
  });
}

/**
 * The Lambda endpoint runs any function with any payload and checks no credentials (nor
 * does any local endpoint), so it stays on this machine even when --host opens the others.
 */
export const LAMBDA_HOST = '127.0.0.1';

/** The ports of a platform's endpoints (its DynamoDB Local's is checked where that starts). */
export type PlatformPorts = Pick<PlatformOptions, 'host' | 'port' | 'sqsPort' | 'kmsPort' | 'eventsPort' | 'lambdaPort'>;

/** Each endpoint's port free, in the order the flags are listed; the first taken one throws. */
export async function assertPlatformPortsFree(opts: PlatformPorts): Promise<void> {
  await assertPortFree(opts.port, opts.host, 'HTTP API', '--port');
  await assertPortFree(opts.sqsPort, opts.host, 'SQS endpoint', '--sqs-port');
  await assertPortFree(opts.kmsPort, opts.host, 'KMS endpoint', '--kms-port');
  await assertPortFree(opts.eventsPort, opts.host, 'EventBridge endpoint', '--events-port');
  await assertPortFree(opts.lambdaPort, LAMBDA_HOST, 'Lambda endpoint', '--lambda-port');
}

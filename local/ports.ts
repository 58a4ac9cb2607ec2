import { createServer } from 'node:net';

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

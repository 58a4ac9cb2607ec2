/**
 * Runs the SQS endpoint as its own process:
 *
 *   tsx local/sqs/standalone.ts [--port 9324] [--host 127.0.0.1] [--data-dir DIR]
 *                               [--region us-east-1] [--account-id 000000000000]
 *
 * Prints one JSON line `{"endpoint": ..., "port": ...}` on stdout once it accepts
 * requests (so a parent can use --port 0), logs to stderr, and closes on SIGINT/SIGTERM.
 * The crash tests use it to kill -9 a real process.
 */
import { parseArgs } from 'node:util';
import { startSqsServer } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9324' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    region: { type: 'string', default: 'us-east-1' },
    'account-id': { type: 'string', default: '000000000000' },
  },
});

const server = await startSqsServer({
  host: values.host,
  port: Number(values.port),
  dataDir: values['data-dir'],
  region: values.region,
  accountId: values['account-id'],
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, port: server.port })}\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}

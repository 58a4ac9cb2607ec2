/**
 * anxin — one CLI for admins and developers:
 *   anxin start [--port 3000] [--watch] [--no-iam] [--chaos <spec>]   the local platform (npm start; the template's IAM enforced unless --no-iam), optionally with injected faults
 *   anxin tenant create --name <n> --role <r>    onboard a tenant
 *   anxin tenant list
 *   anxin key create --tenant <id> [--label <l>] issue an API key (shown once)
 *   anxin key list --tenant <id>
 *   anxin key revoke <keyId>
 *   anxin trace verify --tenant <id> [--order <id>]   verify hash-chained traces
 *   anxin credit recompute --enterprise <id> --period <YYYY-MM>   recompute a stored credit grade
 *   anxin subsidy backfill-person-refs           give workers registered before it their person reference
 *   anxin dlq list                               dead-letter queues, their sources and depth
 *   anxin dlq redrive <queue-name> [--wait]      move a DLQ's messages back to their queue
 *   anxin report --year <YYYY> --out <file.html> the programme's year as one HTML page (read over the API)
 * Admin commands act on the local platform by default (--data-dir for one started with it,
 * or --endpoint-url/--table), or on a deployed stage with --stage; `report` reads the local
 * platform's API, or a stage's with --api-url; cli/usage.ts lists every option.
 */
import { USAGE } from './usage';

// Lambda runs Node 22+; locally we may be on Node 20, which the AWS SDK would warn about on
// every client (the platform's functions inherit this too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Each command's modules are imported when it runs: `start` (every `npm start`) would
// otherwise load the admin commands' modules first, ~0.15–0.2 s before the platform starts.
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => console.log(line);
  switch (command) {
    case 'start':
      return (await import('../local/cli')).startCommand(rest);
    case 'tenant':
      return (await import('./admin-commands')).tenantCommand(rest, out);
    case 'key':
      return (await import('./admin-commands')).keyCommand(rest, out);
    case 'trace':
      return (await import('./admin-commands')).traceCommand(rest, out);
    case 'dlq':
      return (await import('./dlq-commands')).dlqCommand(rest, out);
    case 'credit':
      return (await import('./credit-commands')).creditCommand(rest, out);
    case 'subsidy':
      return (await import('./subsidy-commands')).subsidyCommand(rest, out);
    case 'report':
      return (await import('./report-command')).reportCommand(rest, out);
    default:
      console.error(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: Error) => {
    console.error(`anxin: ${error.message}`);
    process.exitCode = 1;
  },
);

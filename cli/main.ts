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
import { keyCommand, tenantCommand, traceCommand } from './admin-commands';
import { creditCommand } from './credit-commands';
import { dlqCommand } from './dlq-commands';
import { reportCommand } from './report-command';
import { subsidyCommand } from './subsidy-commands';
import { USAGE } from './usage';

// Lambda runs Node 22+; locally we may be on Node 20, which the AWS SDK would warn about on
// every client (the platform's functions inherit this too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (line: string) => console.log(line);
  switch (command) {
    case 'start': {
      const { startCommand } = await import('../local/cli');
      return startCommand(rest);
    }
    case 'tenant':
      return tenantCommand(rest, out);
    case 'key':
      return keyCommand(rest, out);
    case 'trace':
      return traceCommand(rest, out);
    case 'dlq':
      return dlqCommand(rest, out);
    case 'credit':
      return creditCommand(rest, out);
    case 'subsidy':
      return subsidyCommand(rest, out);
    case 'report':
      return reportCommand(rest, out);
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

/**
 * What `anxin` prints for help or a wrong command: every command with every option it
 * accepts. The target options are listed once, under the placeholder the commands use.
 */
export const USAGE = `usage: anxin <start|tenant|key|trace|credit|subsidy|dlq|report> …
  anxin start [--port 3000] [--watch] [--data-dir .anxin] [--no-iam] [--chaos <spec>]   (<spec>: README "Reliability", e.g. consumer-error=0.2,throttle=0.1,duplicate=1,seed=7)
  anxin start --app "<command>" [--app-dir <folder>]   another CDK app: its own cdk synth in <folder>, every stack, nothing seeded
  anxin tenant create --name <name> --role <enterprise|training-base|insurer|admin> [--joined-on YYYY-MM-DD] [--json] [<target>]
  anxin tenant list [--json] [<target>]
  anxin key create --tenant <tenantId> [--label <text>] [--json] [<target>]
  anxin key list --tenant <tenantId> [--json] [<target>]
  anxin key revoke <keyId> [<target>]
  anxin trace verify --tenant <tenantId> [--order <orderId>] [--json] [<target>]
  anxin credit recompute --enterprise <tenantId> --period <YYYY-MM> [--json] [<target>]
  anxin subsidy backfill-person-refs [--json] [<target>]
  anxin dlq list [--json] [<queues>]
  anxin dlq redrive <dlq-name|queue-name> [--wait] [--max-per-second <n>] [--json] [<queues>]
  anxin report --year <YYYY> --out <file.html> [<api>]

<target>  the table an admin command acts on (default: the local platform of .anxin/local.json)
  --data-dir <dir>                     the local platform started with \`anxin start --data-dir <dir>\` (reads <dir>/local.json)
  --endpoint-url <url> --table <name>  a DynamoDB endpoint and table, named directly
  --stage <stage> [--table <name>]     a deployed stage: the table from its stateful stack's outputs, AWS credentials from the usual chain
  --region <region>                    the AWS region (default: local.json's, else us-east-1 locally; the SDK's for a stage)

<queues>  the SQS queues \`anxin dlq\` acts on (default: the local platform of .anxin/local.json)
  --data-dir <dir>                     the local platform started with \`anxin start --data-dir <dir>\` (reads <dir>/local.json)
  --endpoint-url <url>                 an SQS endpoint, named directly
  --stage <stage>                      a deployed stage's queues (anxin-<stage>-…), AWS credentials from the usual chain
  --region <region>                    the AWS region

<api>  the HTTP API \`anxin report\` reads with an admin key (default: the local platform of .anxin/local.json, its API and admin key)
  --data-dir <dir>                     the local platform started with \`anxin start --data-dir <dir>\` (reads <dir>/local.json)
  --api-url <url>                      an API named directly, e.g. a deployed stage's (its stack output ApiUrl)
  --api-key <key>                      the admin key (default: local.json's; with --api-url, env ANXIN_API_KEY)`;

/** The lines that describe `anxin <command>`: its own, and the blocks of the placeholders they name. */
export function usageOf(command: string): string {
  const lines = USAGE.split('\n');
  const own = lines.filter((line) => line.trim().startsWith(`anxin ${command} `));
  const blocks = ['<target>', '<queues>', '<api>']
    .filter((placeholder) => own.some((line) => line.includes(`[${placeholder}]`)))
    .flatMap((placeholder) => {
      const start = lines.findIndex((line) => line.startsWith(`${placeholder} `));
      const end = lines.findIndex((line, i) => i > start && line.trim() === '');
      return lines.slice(start, end === -1 ? undefined : end);
    });
  return [...own, ...blocks].join('\n');
}

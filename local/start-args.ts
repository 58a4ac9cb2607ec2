/**
 * `anxin start`'s options and the settings they come to. Light (no platform modules): the
 * CLI reads them before it loads the platform, to start DynamoDB Local first (cli/main.ts).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { PlatformOptions } from './platform';

/** Where and on which ports the local platform runs unless told otherwise. */
export const LOCAL_DEFAULTS: Omit<StartSettings, 'appDir'> = {
  dataDir: resolve('.anxin'),
  host: '127.0.0.1',
  port: 3000,
  sqsPort: 9324,
  dynamodbPort: 8000,
  kmsPort: 4599,
  eventsPort: 4010,
  lambdaPort: 3001,
};

const START_OPTIONS = {
  port: { type: 'string' },
  'sqs-port': { type: 'string' },
  'dynamodb-port': { type: 'string' },
  'kms-port': { type: 'string' },
  'events-port': { type: 'string' },
  'lambda-port': { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  watch: { type: 'boolean' },
  quiet: { type: 'boolean' },
  chaos: { type: 'string' },
  // The template's IAM is enforced unless this is given (docs/architecture.md "IAM on the local platform").
  'no-iam': { type: 'boolean' },
  // Another CDK app instead of Anxin: its own `cdk synth --app <command>`, run in --app-dir (local/app-synth.ts).
  app: { type: 'string' },
  'app-dir': { type: 'string' },
} as const;

export type StartValues = ReturnType<typeof parseStartArgs>;

/** Throws on an unknown option or a missing value, as `anxin start` reports them. */
export function parseStartArgs(argv: string[]) {
  return parseArgs({ args: argv, options: START_OPTIONS }).values;
}

/** Where `anxin start` runs the platform: its folders and its endpoints' host and ports. */
export type StartSettings = Pick<PlatformOptions, 'dataDir' | 'host' | 'port' | 'sqsPort' | 'dynamodbPort' | 'kmsPort' | 'eventsPort' | 'lambdaPort'> & {
  appDir: string;
};

export function startSettings(values: StartValues): StartSettings {
  const appDir = resolve(values['app-dir'] ?? '.');
  const port = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  return {
    appDir,
    // Another app keeps its data beside itself, not in Anxin's folder.
    dataDir: resolve(values['data-dir'] ?? (values.app !== undefined ? resolve(appDir, '.anxin') : LOCAL_DEFAULTS.dataDir)),
    host: values.host ?? LOCAL_DEFAULTS.host,
    port: port(values.port, LOCAL_DEFAULTS.port),
    sqsPort: port(values['sqs-port'], LOCAL_DEFAULTS.sqsPort),
    dynamodbPort: port(values['dynamodb-port'], LOCAL_DEFAULTS.dynamodbPort),
    kmsPort: port(values['kms-port'], LOCAL_DEFAULTS.kmsPort),
    eventsPort: port(values['events-port'], LOCAL_DEFAULTS.eventsPort),
    lambdaPort: port(values['lambda-port'], LOCAL_DEFAULTS.lambdaPort),
  };
}

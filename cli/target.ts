/**
 * Where an admin command acts: the local platform (default; endpoints from
 * .anxin/local.json, or from <dir>/local.json with `--data-dir <dir>` for a platform started
 * with one), a DynamoDB endpoint named with `--endpoint-url` and `--table`, or a deployed
 * stage (`--stage dev|prod`: the table name from the stateful stack's outputs, AWS
 * credentials from the usual chain).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, type StoreContext } from '../shared/store/client';

/** The options every table-reaching admin command takes (parseArgs form). */
export const TARGET_OPTIONS = {
  stage: { type: 'string' },
  table: { type: 'string' },
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export interface TargetOptions {
  stage?: string;
  /** The directory a local platform was started with (`anxin start --data-dir`). */
  dataDir?: string;
  table?: string;
  endpointUrl?: string;
  region?: string;
}

export interface LocalInfo {
  apiUrl: string;
  sqsEndpoint: string;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  keys: Record<string, string>;
}

/** TargetOptions from parsed TARGET_OPTIONS values. */
export const targetOf = (values: { stage?: string; table?: string; 'endpoint-url'?: string; region?: string; 'data-dir'?: string }): TargetOptions => ({
  stage: values.stage,
  table: values.table,
  endpointUrl: values['endpoint-url'],
  region: values.region,
  dataDir: values['data-dir'],
});

export const LOCAL_INFO_PATH = resolve('.anxin/local.json');

/** The running local platform's facts; `dataDir` when it was started with --data-dir. */
export function readLocalInfo(dataDir?: string): LocalInfo {
  try {
    return JSON.parse(readFileSync(dataDir ? resolve(dataDir, 'local.json') : LOCAL_INFO_PATH, 'utf8')) as LocalInfo;
  } catch {
    const where = dataDir ? resolve(dataDir, 'local.json') : '.anxin/local.json';
    throw new Error(`No local platform found (${where}). Start it with \`npm start\`, or pass --data-dir <dir>, --endpoint-url <url> --table <name>, or --stage <stage>.`);
  }
}

export async function resolveStore(options: TargetOptions): Promise<StoreContext> {
  if (options.stage) {
    const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
    const cfn = new CloudFormationClient({ region: options.region });
    const stackName = `Anxin-${options.stage}-Stateful`;
    const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const tableName =
      options.table ?? out.Stacks?.[0]?.Outputs?.find((o) => o.OutputKey === 'TableName')?.OutputValue;
    if (!tableName) throw new Error(`stack ${stackName} has no TableName output`);
    return { doc: createDocumentClient(new DynamoDBClient({ region: options.region })), tableName };
  }
  const local = options.endpointUrl ? undefined : readLocalInfo(options.dataDir);
  const endpoint = options.endpointUrl ?? local!.dynamodbEndpoint;
  const tableName = options.table ?? local?.tableName;
  if (!tableName) throw new Error('--table is required with --endpoint-url');
  return {
    doc: createDocumentClient(
      new DynamoDBClient({
        endpoint,
        region: options.region ?? local?.region ?? 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    ),
    tableName,
  };
}

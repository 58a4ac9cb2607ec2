/**
 * Where an admin command acts: the local platform (default; endpoints from
 * .anxin/local.json) or a deployed stage (`--stage dev|prod`: the table name from the
 * stateful stack's outputs, AWS credentials from the usual chain).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDocumentClient, type StoreContext } from '../shared/store/client';

export interface TargetOptions {
  stage?: string;
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

export const LOCAL_INFO_PATH = resolve('.anxin/local.json');

/** The running local platform's facts; `dataDir` when it was started with --data-dir. */
export function readLocalInfo(dataDir?: string): LocalInfo {
  try {
    return JSON.parse(readFileSync(dataDir ? resolve(dataDir, 'local.json') : LOCAL_INFO_PATH, 'utf8')) as LocalInfo;
  } catch {
    throw new Error('No local platform found (.anxin/local.json). Start it with `npm start`, or pass --stage <stage>.');
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
  const local = options.endpointUrl ? undefined : readLocalInfo();
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

/**
 * Which AWS SDK clients a function's floor bundle constructs, derived from the template
 * alone (the function's environment and its role's IAM actions), never from its code:
 *
 *   client                      when the environment has…        or the role may…
 *   DynamoDB DocumentClient     TABLE_NAME / *_TABLE_NAME        dynamodb:… (not stream reads)
 *   SQS                         *_QUEUE_URL                      sqs:SendMessage*
 *   KMS                         *KMS* / *_KEY_ARN / *_KEY_ID     kms:Encrypt, Decrypt, GenerateDataKey…, ReEncrypt…, Sign, Verify…
 *   EventBridge                 *EVENT_BUS*                      events:PutEvents
 *
 * sqs:ReceiveMessage/DeleteMessage on a consumer's role are the event-source mapping's
 * (Lambda polls, not the function), so they do not count. Known over-approximation: a role
 * granted kms:Decrypt only to read a KMS-encrypted queue would get a KMS client in its
 * floor, which makes that function's floor heavier (its ratio more lenient), never lighter.
 */
import type { LocalFunction } from '../../local/topology';

export interface SdkClientRule {
  id: string;
  label: string;
  /** Packages the floor imports (must be installed for the floor to build). */
  packages: string[];
  /** Module code: imports and one constructed client pushed onto `clients`. */
  code: string;
  env: RegExp;
  actions: RegExp;
}

export const SDK_CLIENT_RULES: SdkClientRule[] = [
  {
    id: 'dynamodb',
    label: 'DynamoDB DocumentClient',
    packages: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'],
    code: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nclients.push(DynamoDBDocumentClient.from(new DynamoDBClient({})));",
    env: /(^|_)TABLE_NAME$/,
    actions: /^dynamodb:(?!GetRecords$|GetShardIterator$|DescribeStream$|ListStreams$)/,
  },
  {
    id: 'sqs',
    label: 'SQS',
    packages: ['@aws-sdk/client-sqs'],
    code: "import { SQSClient } from '@aws-sdk/client-sqs';\nclients.push(new SQSClient({}));",
    env: /_QUEUE_URL$/,
    actions: /^sqs:SendMessage/,
  },
  {
    id: 'kms',
    label: 'KMS',
    packages: ['@aws-sdk/client-kms'],
    code: "import { KMSClient } from '@aws-sdk/client-kms';\nclients.push(new KMSClient({}));",
    env: /(KMS|_KEY_ARN$|_KEY_ID$)/,
    actions: /^kms:(Encrypt|Decrypt|GenerateDataKey|ReEncrypt|Sign|Verify|GenerateMac)/,
  },
  {
    id: 'eventbridge',
    label: 'EventBridge',
    packages: ['@aws-sdk/client-eventbridge'],
    code: "import { EventBridgeClient } from '@aws-sdk/client-eventbridge';\nclients.push(new EventBridgeClient({}));",
    env: /EVENT_BUS/,
    actions: /^events:PutEvents$/,
  },
];

export function sdkClientsFor(fn: LocalFunction, roleActions: string[]): SdkClientRule[] {
  const envNames = Object.keys(fn.environment);
  return SDK_CLIENT_RULES.filter((rule) => envNames.some((n) => rule.env.test(n)) || roleActions.some((a) => rule.actions.test(a)));
}

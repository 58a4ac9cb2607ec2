/**
 * local/iam: the policy evaluator on small policy fixtures — explicit Deny over Allow,
 * implicit deny, action and resource wildcards, NotAction/NotResource, table and index
 * ARNs, conditions (and their absent-key rules), KMS key policies and SQS queue policies,
 * AWS's refusal wording, and policies refused by name when they cannot be evaluated.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicy, decide, deniedMessage, evaluateStatements, UnsupportedPolicyError } from '../../local/iam';
import type { Caller } from '../../local/iam/evaluate';

const ACCOUNT = '000000000000';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/anxin-dev-table`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1111-2222`;
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:anxin-dev-orders.fifo`;
const caller: Caller = { roleArn: `arn:aws:iam::${ACCOUNT}:role/orders-consumer-role`, accountId: ACCOUNT };

const identity = (...Statement: object[]) => compilePolicy({ Version: '2012-10-17', Statement }, 'fixture', { resourcePolicy: false });
const resource = (...Statement: object[]) => compilePolicy({ Version: '2012-10-17', Statement }, 'fixture', { resourcePolicy: true });
const req = (action: string, res: string, context: Record<string, string> = {}) => ({ action, resource: res, context: new Map(Object.entries(context)) });

describe('identity policies', () => {
  it('allows what a statement allows and nothing else (implicit deny)', () => {
    const p = identity({ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: TABLE });
    expect(evaluateStatements(p, req('dynamodb:PutItem', TABLE))).toBe('allow');
    expect(evaluateStatements(p, req('dynamodb:DeleteItem', TABLE))).toBe('none');
    expect(evaluateStatements(p, req('dynamodb:PutItem', `${TABLE}-other`))).toBe('none');
  });

  it('an explicit Deny wins over any Allow, whatever the order', () => {
    const allow = { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' };
    const deny = { Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: TABLE };
    expect(evaluateStatements(identity(allow, deny), req('dynamodb:DeleteItem', TABLE))).toBe('explicit-deny');
    expect(evaluateStatements(identity(deny, allow), req('dynamodb:DeleteItem', TABLE))).toBe('explicit-deny');
    expect(evaluateStatements(identity(deny, allow), req('dynamodb:GetItem', TABLE))).toBe('allow');
  });

  it('matches action wildcards case-insensitively, and * and ? in actions', () => {
    const p = identity({ Effect: 'Allow', Action: ['kms:GenerateDataKey*', 'sqs:?eleteMessage'], Resource: '*' });
    expect(evaluateStatements(p, req('kms:GenerateDataKeyWithoutPlaintext', KEY))).toBe('allow');
    expect(evaluateStatements(p, req('KMS:generatedatakey', KEY))).toBe('allow');
    expect(evaluateStatements(p, req('sqs:DeleteMessage', QUEUE))).toBe('allow');
    expect(evaluateStatements(p, req('sqs:DeleteMessageBatch', QUEUE))).toBe('none');
    expect(evaluateStatements(p, req('kms:Decrypt', KEY))).toBe('none');
  });

  it('a table ARN does not cover its indexes; table/x/index/* covers every index and nothing else', () => {
    const tableOnly = identity({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: TABLE });
    expect(evaluateStatements(tableOnly, req('dynamodb:Query', `${TABLE}/index/gsi1`))).toBe('none');
    const indexes = identity({ Effect: 'Allow', Action: 'dynamodb:Query', Resource: `${TABLE}/index/*` });
    expect(evaluateStatements(indexes, req('dynamodb:Query', `${TABLE}/index/gsi1`))).toBe('allow');
    expect(evaluateStatements(indexes, req('dynamodb:Query', TABLE))).toBe('none');
    expect(evaluateStatements(indexes, req('dynamodb:Query', `${TABLE}-2/index/gsi1`))).toBe('none');
  });

  it('matches ARN wildcards segment by segment, case-sensitively', () => {
    const p = identity({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:*:${ACCOUNT}:anxin-dev-*` });
    expect(evaluateStatements(p, req('sqs:SendMessage', QUEUE))).toBe('allow');
    expect(evaluateStatements(p, req('sqs:SendMessage', `arn:aws:sqs:us-east-1:${ACCOUNT}:Anxin-dev-orders`))).toBe('none');
    // A * in the region segment does not swallow the account.
    expect(evaluateStatements(p, req('sqs:SendMessage', `arn:aws:sqs:us-east-1:111111111111:anxin-dev-orders`))).toBe('none');
  });

  it('NotAction and NotResource invert their match', () => {
    const p = identity(
      { Effect: 'Allow', NotAction: 'dynamodb:DeleteItem', Resource: TABLE },
      { Effect: 'Deny', Action: 'sqs:*', NotResource: QUEUE },
      { Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
    );
    expect(evaluateStatements(p, req('dynamodb:PutItem', TABLE))).toBe('allow');
    expect(evaluateStatements(p, req('dynamodb:DeleteItem', TABLE))).toBe('none');
    expect(evaluateStatements(p, req('sqs:SendMessage', QUEUE))).toBe('allow');
    expect(evaluateStatements(p, req('sqs:SendMessage', `${QUEUE}x`))).toBe('explicit-deny');
  });
});

describe('conditions', () => {
  const encrypt = (Condition: object) => identity({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition });

  it('StringEquals on kms:EncryptionContext:<key> reads the request context; the values of one key are ORed', () => {
    const p = encrypt({ StringEquals: { 'kms:EncryptionContext:purpose': ['person', 'contact'] } });
    expect(evaluateStatements(p, req('kms:Decrypt', KEY, { 'kms:encryptioncontext:purpose': 'contact' }))).toBe('allow');
    expect(evaluateStatements(p, req('kms:Decrypt', KEY, { 'kms:encryptioncontext:purpose': 'other' }))).toBe('none');
    expect(evaluateStatements(p, req('kms:Decrypt', KEY))).toBe('none');
  });

  it('keys of one statement are ANDed; a missing key makes a negated operator true and IfExists true', () => {
    const both = encrypt({ StringEquals: { 'kms:EncryptionContext:a': '1' }, StringLike: { 'kms:EncryptionContext:b': 'x*' } });
    expect(evaluateStatements(both, req('kms:Decrypt', KEY, { 'kms:encryptioncontext:a': '1', 'kms:encryptioncontext:b': 'xyz' }))).toBe('allow');
    expect(evaluateStatements(both, req('kms:Decrypt', KEY, { 'kms:encryptioncontext:a': '1' }))).toBe('none');
    expect(evaluateStatements(encrypt({ StringNotEquals: { 'kms:EncryptionContext:a': '1' } }), req('kms:Decrypt', KEY))).toBe('allow');
    expect(evaluateStatements(encrypt({ StringEqualsIfExists: { 'kms:EncryptionContext:a': '1' } }), req('kms:Decrypt', KEY))).toBe('allow');
    expect(evaluateStatements(encrypt({ Null: { 'kms:EncryptionContext:a': 'false' } }), req('kms:Decrypt', KEY))).toBe('none');
  });

  it('refuses, by name, an operator, a set operator or a key it cannot evaluate', () => {
    expect(() => encrypt({ NumericLessThan: { 'kms:EncryptionContext:a': '1' } })).toThrow(/condition operator NumericLessThan/);
    expect(() => encrypt({ 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': 'a' } })).toThrow(/set operator ForAllValues/);
    expect(() => encrypt({ StringEquals: { 'dynamodb:LeadingKeys': 'a' } })).toThrow(UnsupportedPolicyError);
    expect(() => encrypt({ StringEquals: { 'dynamodb:LeadingKeys': 'a' } })).toThrow(/condition key dynamodb:LeadingKeys/);
    expect(() => identity({ Effect: 'Allow', Action: 'sqs:*', Resource: '*', Principal: '*' })).toThrow(/Principal in an identity-based policy/);
    expect(() => resource({ Effect: 'Allow', Action: 'sqs:*', Resource: '*', NotPrincipal: { AWS: '*' } })).toThrow(/NotPrincipal/);
  });
});

describe('resource policies', () => {
  const accountKeyPolicy = resource({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' });

  it('a KMS key policy that allows the account hands the decision to the identity policy', () => {
    const grant = identity({ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt'], Resource: KEY });
    expect(decide(grant, { kind: 'kms', statements: accountKeyPolicy }, caller, req('kms:Decrypt', KEY))).toEqual({ allowed: true });
    expect(decide([], { kind: 'kms', statements: accountKeyPolicy }, caller, req('kms:Decrypt', KEY))).toEqual({ allowed: false, because: 'no-identity-allow' });
  });

  it('a KMS key policy that allows neither the account nor the role refuses, whatever the identity policy says', () => {
    const other = resource({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' });
    const grant = identity({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });
    expect(decide(grant, { kind: 'kms', statements: other }, caller, req('kms:Decrypt', KEY))).toEqual({ allowed: false, because: 'no-resource-allow' });
    const role = resource({ Effect: 'Allow', Principal: { AWS: caller.roleArn }, Action: 'kms:Decrypt', Resource: '*' });
    expect(decide([], { kind: 'kms', statements: role }, caller, req('kms:Decrypt', KEY))).toEqual({ allowed: true });
  });

  it("an SQS queue policy's Deny wins, and its aws:SecureTransport Deny does not refuse (calls count as TLS)", () => {
    const tlsOnly = resource({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: QUEUE, Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    const grant = identity({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE });
    const tls = { 'aws:securetransport': 'true' };
    expect(decide(grant, { kind: 'other', statements: tlsOnly }, caller, req('sqs:SendMessage', QUEUE, tls))).toEqual({ allowed: true });
    expect(decide(grant, { kind: 'other', statements: tlsOnly }, caller, req('sqs:SendMessage', QUEUE, { 'aws:securetransport': 'false' }))).toEqual({
      allowed: false,
      because: 'resource-deny',
    });
  });

  it('a queue policy naming the role (or anyone) allows on its own; one naming a service does not allow a role', () => {
    const role = resource({ Effect: 'Allow', Principal: { AWS: caller.roleArn }, Action: 'sqs:SendMessage', Resource: QUEUE });
    expect(decide([], { kind: 'other', statements: role }, caller, req('sqs:SendMessage', QUEUE))).toEqual({ allowed: true });
    const events = resource({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Resource: QUEUE,
      Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:events:us-east-1:${ACCOUNT}:rule/anxin-dev-events/x` } },
    });
    expect(decide([], { kind: 'other', statements: events }, caller, req('sqs:SendMessage', QUEUE))).toEqual({ allowed: false, because: 'no-identity-allow' });
  });
});

it("words a refusal exactly as AWS does", () => {
  const session = `arn:aws:sts::${ACCOUNT}:assumed-role/orders-consumer-role/anxin-dev-orders-consumer`;
  expect(deniedMessage(session, 'dynamodb:PutItem', TABLE, 'no-identity-allow')).toBe(
    `User: ${session} is not authorized to perform: dynamodb:PutItem on resource: ${TABLE} because no identity-based policy allows the dynamodb:PutItem action`,
  );
  expect(deniedMessage(session, 'kms:Decrypt', KEY, 'identity-deny')).toBe(
    `User: ${session} is not authorized to perform: kms:Decrypt on resource: ${KEY} with an explicit deny in an identity-based policy`,
  );
});

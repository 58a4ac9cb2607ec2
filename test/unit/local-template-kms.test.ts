/**
 * local/template: AWS::KMS::Key and AWS::KMS::Alias → Topology.keys — key specs and
 * usages, stable key ids, ARNs, aliases in the key's stack or another one, Ref/GetAtt in
 * function environments, and what the local KMS endpoint cannot serve.
 */
import { CfnResource, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { TemplateError, UnsupportedResourceError } from '../../local/template';
import type { Topology } from '../../local/topology';
import { cdkApps, TEST_ACCOUNT as ACCOUNT } from '../support/cdk-apps';
import { thrownBy } from '../support/thrown';

const REGION = 'us-east-1';
const { newApp, read } = cdkApps('local-template-kms', REGION);

const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

/** Like the real app: keys in a stateful stack, a function in another stack that names them. */
function buildApp(): string {
  const { app, outdir } = newApp();
  const stateful = new Stack(app, 'Kms-dev-Stateful');
  const data = new kms.Key(stateful, 'PersonalDataKey', {
    alias: 'alias/anxin-dev-personal-data',
    description: 'personal data',
    enableKeyRotation: true,
  });
  const hmac = new kms.Key(stateful, 'PersonalDataHmacKey', {
    alias: 'alias/anxin-dev-personal-data-hmac',
    keySpec: kms.KeySpec.HMAC_256,
    keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
  });
  new kms.Key(stateful, 'Disabled', { enabled: false, keySpec: kms.KeySpec.HMAC_512, keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC });

  const api = new Stack(app, 'Kms-dev-Api');
  // A second alias for the data key, declared in the other stack (TargetKeyId arrives by import).
  new kms.Alias(api, 'SecondName', { aliasName: 'alias/second-name', targetKey: data });
  new lambda.Function(api, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    environment: {
      DATA_KEY_ARN: data.keyArn,
      DATA_KEY_ID: data.keyId,
      HMAC_KEY_ARN: hmac.keyArn,
    },
  });
  app.synth();
  return outdir;
}

describe('readTopology maps KMS keys', () => {
  let topology: Topology;
  beforeAll(() => {
    topology = read(buildApp());
  });
  const key = (prefix: string) => topology.keys.find((k) => k.logicalId.startsWith(prefix))!;

  it('maps each key with its spec, usage, state, description and a stable UUID key id and local ARN', () => {
    expect(topology.keys).toHaveLength(3);
    const data = key('PersonalDataKey');
    expect(data).toMatchObject({
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      enabled: true,
      description: 'personal data',
    });
    expect(data.keyId).toMatch(UUID);
    expect(data.arn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${data.keyId}`);
    expect(key('PersonalDataHmacKey')).toMatchObject({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', enabled: true });
    expect(key('Disabled')).toMatchObject({ keySpec: 'HMAC_512', enabled: false, aliases: [] });
    expect(key('Disabled').description).toBeUndefined();
    // Deterministic: the same template gives the same ids (key material is kept by id).
    expect(read(buildApp()).keys.map((k) => k.keyId)).toEqual(topology.keys.map((k) => k.keyId));
  });

  it('attaches aliases to their key, also across stacks', () => {
    expect(key('PersonalDataKey').aliases.sort()).toEqual(['alias/anxin-dev-personal-data', 'alias/second-name']);
    expect(key('PersonalDataHmacKey').aliases).toEqual(['alias/anxin-dev-personal-data-hmac']);
  });

  it('resolves Ref of a key to its key id and GetAtt Arn to its ARN, across stacks', () => {
    const fn = topology.functions.find((f) => f.logicalId.startsWith('Fn'))!;
    expect(fn.environment).toMatchObject({
      DATA_KEY_ARN: key('PersonalDataKey').arn,
      DATA_KEY_ID: key('PersonalDataKey').keyId,
      HMAC_KEY_ARN: key('PersonalDataHmacKey').arn,
    });
  });

  it('uses the China partition in a cn- region', () => {
    const cn = read(buildApp(), { region: 'cn-north-1' });
    expect(cn.keys[0]!.arn).toMatch(new RegExp(`^arn:aws-cn:kms:cn-north-1:${ACCOUNT}:key/`));
  });
});

describe('readTopology refuses KMS keys the local endpoint cannot serve', () => {
  it('reports asymmetric keys, imported material, and aliases of keys outside the selected stacks', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'Odd');
    new kms.Key(stack, 'Signing', { keySpec: kms.KeySpec.ECC_NIST_P256, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    new CfnResource(stack, 'Imported', { type: 'AWS::KMS::Key', properties: { Origin: 'EXTERNAL', KeyPolicy: KEY_POLICY } });
    new CfnResource(stack, 'Dangling', {
      type: 'AWS::KMS::Alias',
      properties: { AliasName: 'alias/dangling', TargetKeyId: '12345678-1234-1234-1234-123456789012' },
    });
    app.synth();
    const error = thrownBy(() => read(outdir));
    expect(error).toBeInstanceOf(UnsupportedResourceError);
    const message = (error as Error).message;
    expect(message).toMatch(/Odd\/Signing\w+ \(AWS::KMS::Key\): KeySpec ECC_NIST_P256/);
    expect(message).toMatch(/Odd\/Imported \(AWS::KMS::Key\): Origin EXTERNAL/);
    expect(message).toMatch(/Odd\/Dangling \(AWS::KMS::Alias\): TargetKeyId 12345678-/);
  });

  it('fails on a key spec and usage CloudFormation would refuse, and on a duplicate alias', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'Bad');
    new CfnResource(stack, 'Mismatch', {
      type: 'AWS::KMS::Key',
      properties: { KeySpec: 'HMAC_256', KeyUsage: 'ENCRYPT_DECRYPT', KeyPolicy: KEY_POLICY },
    });
    app.synth();
    expect(() => read(outdir)).toThrow(TemplateError);
    expect(() => read(outdir)).toThrow(/Bad\/Mismatch: KeyUsage ENCRYPT_DECRYPT is not valid for KeySpec HMAC_256/);

    const second = newApp();
    const dup = new Stack(second.app, 'Dup');
    const k = new kms.Key(dup, 'K', { alias: 'alias/same' });
    // In another stack: CloudFormation's own validation would flag it within one template.
    new kms.Alias(new Stack(second.app, 'Dup2'), 'Again', { aliasName: 'alias/same', targetKey: k });
    second.app.synth();
    expect(() => read(second.outdir)).toThrow(/alias alias\/same is also defined by Dup2?\//);
  });
});

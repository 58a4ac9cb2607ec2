/**
 * What `Ref` and `Fn::GetAtt` return for each resource type, in local terms. The values
 * follow the shapes AWS documents for each type (a queue's Ref is its URL, a topic's Ref is
 * its ARN...), with local names, the local account and region, and local queue URLs.
 */
import { busNameOf, DEFAULT_BUS } from '../eventbridge/registry';
import { TemplateError } from './errors';
import { arn, generatedName, localId, localUuid, queueUrl, type LocalEnv } from './local-env';

/** A resource as seen by the Ref/GetAtt models. */
export interface RefTarget {
  env: LocalEnv;
  stackName: string;
  logicalId: string;
  type: string;
  /** A property with its intrinsics resolved (undefined when absent). */
  prop(name: string): unknown;
}

interface ResourceModel {
  /** The physical name: the name property when set, else a CloudFormation-like generated one. */
  name(t: RefTarget): string;
  ref(t: RefTarget): unknown;
  attrs: Record<string, (t: RefTarget) => unknown>;
}

function named(property: string, maxLength: number, suffix?: (t: RefTarget) => string) {
  return (t: RefTarget): string => {
    const explicit = t.prop(property);
    if (typeof explicit === 'string' && explicit) return explicit;
    return generatedName(t.stackName, t.logicalId, maxLength, suffix?.(t) ?? '');
  };
}

const isTrue = (v: unknown) => v === true || v === 'true';

const queueName = named('QueueName', 80, (t) => (isTrue(t.prop('FifoQueue')) ? '.fifo' : ''));
const tableName = named('TableName', 255);
const tableArn = (t: RefTarget) => arn(t.env, 'dynamodb', `table/${tableName(t)}`);
const functionName = named('FunctionName', 64);
const roleName = named('RoleName', 64);
const logGroupName = named('LogGroupName', 512);
const topicName = named('TopicName', 256, (t) => (isTrue(t.prop('FifoTopic')) ? '.fifo' : ''));
const ruleName = named('Name', 64);
const eventBusName = named('Name', 256);
/** `<bus>/` for a rule on a custom bus (EventBusName: a name or an event-bus ARN), '' on the default bus. */
const ruleBusPath = (t: RefTarget): string => {
  const bus = t.prop('EventBusName');
  const name = busNameOf(typeof bus === 'string' ? bus : undefined);
  return name === DEFAULT_BUS ? '' : `${name}/`;
};
const alarmName = named('AlarmName', 255);
const apiId = (t: RefTarget) => localId(t.stackName, t.logicalId);
const keyId = (t: RefTarget) => localUuid(t.stackName, t.logicalId);

const MODELS: Record<string, ResourceModel> = {
  'AWS::SQS::Queue': {
    name: queueName,
    ref: (t) => queueUrl(t.env, queueName(t)),
    attrs: {
      Arn: (t) => arn(t.env, 'sqs', queueName(t)),
      QueueName: queueName,
      QueueUrl: (t) => queueUrl(t.env, queueName(t)),
    },
  },
  'AWS::DynamoDB::Table': {
    name: tableName,
    ref: tableName,
    attrs: {
      Arn: tableArn,
      // DynamoDB Local has no streams service; the label only has to be stable and well-formed.
      StreamArn: (t) => `${tableArn(t)}/stream/1970-01-01T00:00:00.000`,
    },
  },
  'AWS::DynamoDB::GlobalTable': {
    name: tableName,
    ref: tableName,
    attrs: {
      Arn: tableArn,
      StreamArn: (t) => `${tableArn(t)}/stream/1970-01-01T00:00:00.000`,
      TableId: (t) => localUuid(t.stackName, t.logicalId),
    },
  },
  'AWS::Lambda::Function': {
    name: functionName,
    ref: functionName,
    attrs: { Arn: (t) => arn(t.env, 'lambda', `function:${functionName(t)}`) },
  },
  'AWS::IAM::Role': {
    name: roleName,
    ref: roleName,
    attrs: {
      Arn: (t) => arn(t.env, 'iam', `role${String(t.prop('Path') ?? '/')}${roleName(t)}`, false),
      RoleId: (t) => `AROA${localId(t.stackName, t.logicalId, 17).toUpperCase()}`,
    },
  },
  'AWS::IAM::ManagedPolicy': {
    name: named('ManagedPolicyName', 128),
    ref: (t) => arn(t.env, 'iam', `policy/${named('ManagedPolicyName', 128)(t)}`, false),
    attrs: {},
  },
  'AWS::Logs::LogGroup': {
    name: logGroupName,
    ref: logGroupName,
    attrs: { Arn: (t) => arn(t.env, 'logs', `log-group:${logGroupName(t)}:*`) },
  },
  'AWS::KMS::Key': {
    name: keyId,
    ref: keyId,
    attrs: { Arn: (t) => arn(t.env, 'kms', `key/${keyId(t)}`), KeyId: keyId },
  },
  'AWS::KMS::Alias': { name: named('AliasName', 256), ref: named('AliasName', 256), attrs: {} },
  'AWS::SNS::Topic': {
    name: topicName,
    ref: (t) => arn(t.env, 'sns', topicName(t)),
    attrs: { TopicArn: (t) => arn(t.env, 'sns', topicName(t)), TopicName: topicName },
  },
  'AWS::Events::Rule': {
    name: ruleName,
    ref: ruleName,
    // A rule on a custom bus has the bus in its ARN: rule/<bus>/<name>.
    attrs: { Arn: (t) => arn(t.env, 'events', `rule/${ruleBusPath(t)}${ruleName(t)}`) },
  },
  'AWS::Events::EventBus': {
    name: eventBusName,
    ref: eventBusName,
    attrs: { Arn: (t) => arn(t.env, 'events', `event-bus/${eventBusName(t)}`), Name: eventBusName },
  },
  'AWS::CloudWatch::Alarm': {
    name: alarmName,
    ref: alarmName,
    attrs: { Arn: (t) => arn(t.env, 'cloudwatch', `alarm:${alarmName(t)}`) },
  },
  'AWS::ApiGatewayV2::Api': {
    name: apiId,
    ref: apiId,
    attrs: {
      ApiId: apiId,
      ApiEndpoint: (t) => t.env.httpApiEndpoint ?? `https://${apiId(t)}.execute-api.${t.env.region}.${t.env.urlSuffix}`,
    },
  },
  'AWS::ApiGatewayV2::Stage': { name: (t) => String(t.prop('StageName') ?? '$default'), ref: (t) => String(t.prop('StageName') ?? '$default'), attrs: {} },
  'AWS::ApiGatewayV2::Authorizer': { name: apiId, ref: apiId, attrs: { AuthorizerId: apiId } },
  'AWS::ApiGatewayV2::Integration': { name: apiId, ref: apiId, attrs: { IntegrationId: apiId } },
  'AWS::ApiGatewayV2::Route': { name: apiId, ref: apiId, attrs: { RouteId: apiId } },
  'AWS::Lambda::EventSourceMapping': {
    name: (t) => localUuid(t.stackName, t.logicalId),
    ref: (t) => localUuid(t.stackName, t.logicalId),
    attrs: { Id: (t) => localUuid(t.stackName, t.logicalId) },
  },
};

/** Any other type: Ref gives a stable generated id; attributes are unknown and rejected. */
const FALLBACK: ResourceModel = {
  name: (t) => generatedName(t.stackName, t.logicalId, 128),
  ref: (t) => generatedName(t.stackName, t.logicalId, 128),
  attrs: {},
};

function modelOf(type: string): ResourceModel {
  return MODELS[type] ?? FALLBACK;
}

export function physicalNameOf(t: RefTarget): string {
  return modelOf(t.type).name(t);
}

export function refOf(t: RefTarget): unknown {
  return modelOf(t.type).ref(t);
}

export function getAttOf(t: RefTarget, attribute: string, where: string): unknown {
  const getter = modelOf(t.type).attrs[attribute];
  if (!getter) {
    throw new TemplateError(
      where,
      `Fn::GetAtt ${attribute} of ${t.logicalId} (${t.type}) has no local value (local/template/resource-refs.ts knows: ` +
        `${Object.keys(modelOf(t.type).attrs).join(', ') || 'none'})`,
    );
  }
  return getter(t);
}

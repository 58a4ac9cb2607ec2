/**
 * Which CloudFormation resource types the local platform runs, and which it may safely
 * ignore. Everything else is refused with UnsupportedResourceError: a resource silently
 * skipped would be a behaviour the app has in AWS and not locally.
 */

/** Types mapped into the Topology (see the map-*.ts files). */
export const MAPPED_TYPES: ReadonlySet<string> = new Set([
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::SQS::Queue',
  'AWS::Lambda::Function',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::Events::Rule',
  // Served by the local EventBridge endpoint (local/eventbridge), with event-pattern rules.
  'AWS::Events::EventBus',
  // Served by the local KMS endpoint (local/kms), real cryptography with local key material.
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
]);

/**
 * Types with no local counterpart whose absence does not change what the app does on one
 * machine: access control (read separately, for local/iam), observability
 * (logs go to the console, alarms have nothing to watch), deployment plumbing. Each entry
 * is a decision; add to it deliberately. (KMS keys used to be here as "encryption at rest";
 * handlers call KMS themselves for personal data, so keys are mapped now: map-kms-keys.ts.)
 */
export const IGNORED_TYPES: ReadonlySet<string> = new Set([
  // CDK and CloudFormation bookkeeping
  'AWS::CDK::Metadata',
  'AWS::CloudFormation::WaitConditionHandle',
  // Access control: no resource of its own locally; roles, their policies, key policies and
  // queue policies are read by map-iam.ts and enforced by local/iam
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Logs::ResourcePolicy',
  'AWS::Events::EventBusPolicy',
  // Observability: logs go to the console, alarms and dashboards have nothing to watch
  'AWS::Logs::LogGroup',
  'AWS::Logs::MetricFilter',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::CloudWatch::Dashboard',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'Custom::LogRetention',
  // API Gateway deployment plumbing (the local front end serves routes directly)
  'AWS::ApiGatewayV2::Deployment',
  'AWS::ApiGatewayV2::ApiMapping',
  'AWS::ApiGatewayV2::DomainName',
  // Event archives: replay is an operator's action with no local counterpart; archiving
  // does not change what rules and targets see (local/eventbridge).
  'AWS::Events::Archive',
  // Capacity knobs without local meaning (AWS::Lambda::EventInvokeConfig is mapped: map-async-invoke.ts)
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
]);

/**
 * SNS subscriptions are ignored only when they deliver to people (alarm e-mails); one that
 * delivers to a function or a queue is application behaviour.
 */
export const IGNORED_SNS_PROTOCOLS: ReadonlySet<string> = new Set(['email', 'email-json', 'sms', 'http', 'https']);

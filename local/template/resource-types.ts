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
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Stage',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::Events::Rule',
]);

/**
 * Types with no local counterpart whose absence does not change what the app does on one
 * machine: access control (the local platform does not enforce IAM), observability
 * (logs go to the console, alarms have nothing to watch), encryption at rest, deployment
 * plumbing. Each entry is a decision; add to it deliberately.
 */
export const IGNORED_TYPES: ReadonlySet<string> = new Set([
  // CDK and CloudFormation bookkeeping
  'AWS::CDK::Metadata',
  'AWS::CloudFormation::WaitConditionHandle',
  // Access control: not enforced locally
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Logs::ResourcePolicy',
  // Observability: logs go to the console, alarms and dashboards have nothing to watch
  'AWS::Logs::LogGroup',
  'AWS::Logs::MetricFilter',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::CloudWatch::Dashboard',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'Custom::LogRetention',
  // Encryption at rest: local data is not encrypted
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  // API Gateway deployment plumbing (the local front end serves routes directly)
  'AWS::ApiGatewayV2::Deployment',
  'AWS::ApiGatewayV2::ApiMapping',
  'AWS::ApiGatewayV2::DomainName',
  // Lambda async-invocation settings and capacity knobs without local meaning
  'AWS::Lambda::EventInvokeConfig',
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
]);

/**
 * SNS subscriptions are ignored only when they deliver to people (alarm e-mails); one that
 * delivers to a function or a queue is application behaviour.
 */
export const IGNORED_SNS_PROTOCOLS: ReadonlySet<string> = new Set(['email', 'email-json', 'sms', 'http', 'https']);

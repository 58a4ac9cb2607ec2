/**
 * CDK's CloudFormation validation for `cdk synth` and `cdk deploy`, with its engine built
 * while the app's esbuild pass runs instead of after the synthesis.
 *
 * The validation (aws-cdk-lib's `CloudFormationValidatePlugin`) checks every template with a
 * 9 MB WebAssembly engine, and building that engine is most of its cost (measured 2026-12-07
 * on Anxin's three dev templates: loading it ~0.25 s, building it ~1.05 s, then validating
 * ~0.7 s for the API stack, ~0.25 for the programme stack, ~0.06 for the stateful one). The
 * CDK builds it when the synthesis is done, on the one core nothing else uses then. While the
 * pass runs (esbuild's own process) the app's main thread waits for it: the engine is built
 * in that wait. Both cores are busy with the pass then, so a fresh synthesis gains about half
 * of the engine's time (~0.6 s, measured alternating with and without).
 *
 * The plugin is the one the CDK registers by default, registered by infra/app.ts with
 * `Validations.of(app).addPlugins` (which replaces the default one, as the CDK documents) after
 * the app's own plugins, where the CDK puts the default; its engine is built by validating a
 * template with one empty resource of each type in `RESOURCE_TYPES`. That the plugin then keeps
 * the engine for templates of those types is the CDK's behaviour, not its documented API
 * (test/infra/cloudformation-validation.test.ts checks it); a template with a type missing from
 * the list makes it build a second engine — the same findings, only slower — and the infra
 * tests fail until the list has the type.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationValidatePlugin, type App } from 'aws-cdk-lib';

/** Every CloudFormation resource type of Anxin's stacks, in every stage. */
export const RESOURCE_TYPES: readonly string[] = [
  'AWS::ApiGatewayV2::Api',
  'AWS::ApiGatewayV2::Authorizer',
  'AWS::ApiGatewayV2::Integration',
  'AWS::ApiGatewayV2::Route',
  'AWS::ApiGatewayV2::Stage',
  'AWS::CloudWatch::Alarm',
  'AWS::DynamoDB::GlobalTable',
  'AWS::Events::Archive',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::IAM::Policy',
  'AWS::IAM::Role',
  'AWS::KMS::Alias',
  'AWS::KMS::Key',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Logs::LogGroup',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::Queue',
  'AWS::SQS::QueuePolicy',
];

/** Whether the CDK would validate this app's synthesis (`--no-validation` sets `CDK_VALIDATION=false`). */
export function validationEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDK_VALIDATION !== 'false';
}

/**
 * The CDK's CloudFormation validation plugin with its engine built (synchronously: ~1.3 s of
 * this thread). Register it on the app (`Validations.of(app).addPlugins`) after the app's own
 * plugins, where the CDK puts its default one: the findings are the CDK's own, reported as the
 * CDK reports them.
 */
export function warmCloudFormationValidation(app: App): CloudFormationValidatePlugin {
  const plugin = new CloudFormationValidatePlugin();
  const dir = mkdtempSync(join(tmpdir(), 'anxin-validation-'));
  try {
    const templatePath = join(dir, 'resource-types.template.json');
    const resources = Object.fromEntries(RESOURCE_TYPES.map((type, i) => [`Resource${i}`, { Type: type, Properties: {} }]));
    writeFileSync(templatePath, JSON.stringify({ Resources: resources }));
    // Its findings (the empty resources lack required properties) are not looked at.
    plugin.validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'ResourceTypes', templatePath, accountId: undefined, region: undefined }],
      appConstruct: app,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return plugin;
}

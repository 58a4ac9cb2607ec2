/**
 * The CDK's CloudFormation validation with its engine built before the app's constructs
 * (infra/cloudformation-validation.ts): the same findings, from the one engine built early.
 */
import { App, CloudFormationValidatePlugin, Stack, Validations, aws_lambda as lambda } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { validationEnabled, warmCloudFormationValidation } from '../../infra/cloudformation-validation';
import { scratchDir } from './scratch';

/** The plugin's engine. Private to the CDK: read here only to check it is the early one. */
const engineOf = (plugin: CloudFormationValidatePlugin): unknown => (plugin as unknown as { engine?: unknown }).engine;

describe('CloudFormation validation built early', () => {
  it("reports the CDK's findings after the synthesis, with the engine built before the app's constructs", () => {
    // Findings are errors, as cdk.json makes them.
    const app = new App({ outdir: scratchDir('cfn-validation-'), context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const plugin = warmCloudFormationValidation(app);
    const early = engineOf(plugin);
    expect(early).toBeDefined();

    const stack = new Stack(app, 'Checked');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    });
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('MemorySize', 99_999);
    Validations.of(app).addPlugins(plugin);

    expect(() => app.synth()).toThrow(/MemorySize: 99999 is greater than the maximum/);
    // Not rebuilt for the app's templates: the early engine did the work.
    expect(engineOf(plugin)).toBe(early);
  });

  it('follows `cdk synth --no-validation` (CDK_VALIDATION=false)', () => {
    expect(validationEnabled({ CDK_VALIDATION: 'false' })).toBe(false);
    expect(validationEnabled({ CDK_VALIDATION: 'true' })).toBe(true);
    expect(validationEnabled({})).toBe(true);
  });
});

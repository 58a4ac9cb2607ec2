/**
 * The CDK's CloudFormation validation in a worker (infra/cloudformation-validation.ts): the
 * CDK's findings, from the engine the worker built as it started, computed while the plugin
 * registered before it runs.
 */
import { App, Stack, Validations, aws_lambda as lambda, type IPolicyValidationPlugin } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { CloudFormationValidationInWorker, validationEnabled } from '../../infra/cloudformation-validation';
import { scratchDir } from './scratch';

/** A synchronous pause for a plugin's poll (a plugin's validate() cannot await). */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('CloudFormation validation in a worker', () => {
  // One worker for the file: building its engine is most of what a validation costs.
  const validation = new CloudFormationValidationInWorker();
  afterAll(() => validation.stop());

  it('reports a validation that fails in the worker as an error, without waiting for ever', () => {
    const templatePath = '/nonexistent/Missing.template.json';
    const stackTemplates = [{ stackConstructPath: 'Missing', templatePath, accountId: undefined, region: undefined }];
    expect(() => validation.validate({ templatePaths: [templatePath], stackTemplates, appConstruct: new App({ outdir: scratchDir('cfn-validation-') }) })).toThrow(/CloudFormation validation failed: .*Missing\.template\.json/s);
  });

  it("reports the CDK's findings, checked while the plugin before it runs, with the engine built as the worker started", () => {
    // Findings are errors, as cdk.json makes them.
    const app = new App({ outdir: scratchDir('cfn-validation-'), context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const stack = new Stack(app, 'Checked');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    });
    (fn.node.defaultChild as lambda.CfnFunction).addPropertyOverride('MemorySize', 99_999);

    // Stands for cdk-nag: waits (with a deadline) until the worker has checked the templates,
    // which it can only do if the validation started before this plugin ran.
    let answeredWhileBeforeRan = false;
    const before: IPolicyValidationPlugin = {
      name: 'Before',
      validate: () => {
        const deadline = Date.now() + 30_000;
        while (!(answeredWhileBeforeRan = validation.hasAnswered()) && Date.now() < deadline) pause(20);
        return { success: true, violations: [] };
      },
    };
    Validations.of(app).addPlugins(validation.startedBy(before), validation);

    expect(() => app.synth()).toThrow(/MemorySize: 99999 is greater than the maximum/);
    expect(answeredWhileBeforeRan).toBe(true);
    // Not rebuilt for the app's templates: the engine built as the worker started did the work.
    expect(validation.engineReused).toBe(true);
    expect(validation.version).toMatch(/\d/);
  });

  it('follows `cdk synth --no-validation` (CDK_VALIDATION=false)', () => {
    expect(validationEnabled({ CDK_VALIDATION: 'false' })).toBe(false);
    expect(validationEnabled({ CDK_VALIDATION: 'true' })).toBe(true);
    expect(validationEnabled({})).toBe(true);
  });
});

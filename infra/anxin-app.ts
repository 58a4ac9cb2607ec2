/**
 * Builds the Anxin CDK app for one stage: `Anxin-<stage>-Stateful`, `Anxin-<stage>-Api` and
 * `Anxin-<stage>-Programme` (docs/architecture.md "Three stacks"), cdk-nag AwsSolutions
 * checks and their acknowledged findings. `infra/app.ts` (the cdk.json
 * entry) and the infra tests both use this, so tests assert on the real app.
 */
import { App, CrossStackReferences, ReferenceStrength, Tags, type AppProps } from 'aws-cdk-lib';
import { stackName, stageConfig, type StageConfig } from './config';
import type { CloudFormationValidationInWorker } from './cloudformation-validation';
import { applyNagChecks } from './nag';
import { ApiStack } from './stacks/api-stack';
import { ProgrammeStack } from './stacks/programme-stack';
import { StatefulStack } from './stacks/stateful-stack';

const CROSS_STACK_REFERENCES_CONTEXT = '@aws-cdk/core:defaultCrossStackReferences';

export interface AnxinApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly api: ApiStack;
  readonly programme: ProgrammeStack;
}

export interface AnxinAppOptions {
  /**
   * The CDK's CloudFormation validation, run beside cdk-nag's checks (infra/nag.ts); without
   * it, the CDK runs its default one after them, unless validation is off.
   */
  readonly cloudFormationValidation?: CloudFormationValidationInWorker;
}

/**
 * @param app an existing App (the CLI entry), or props for a new one (tests pass
 *   `{ context: { stage: 'prod' }, outdir }`). The stage comes from context `stage`.
 */
export function createAnxinApp(app: App | AppProps = {}, options: AnxinAppOptions = {}): AnxinApp {
  const theApp = app instanceof App ? app : new App(app);
  const config = stageConfig(theApp.node.tryGetContext('stage') ?? 'dev', { insurers: theApp.node.tryGetContext('insurers') });
  // Strong cross-stack references (Export / Fn::ImportValue): CloudFormation refuses to
  // delete or replace a table, key or queue the API stack still uses. Explicit, so a CDK
  // default change cannot silently switch to Fn::GetStackOutput (unless cdk.json says so).
  if (theApp.node.tryGetContext(CROSS_STACK_REFERENCES_CONTEXT) === undefined) {
    CrossStackReferences.of(theApp).consume(ReferenceStrength.STRONG);
  }
  const alarmEmail: unknown = theApp.node.tryGetContext('alarmEmail');
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(alarmEmail))) {
    throw new Error(`Invalid context alarmEmail ${JSON.stringify(alarmEmail)}: expected an e-mail address`);
  }

  // Environment-agnostic stacks: account, region and partition stay CloudFormation
  // pseudo parameters, so one template deploys to any account, region or partition
  // (aws, aws-cn) and synthesis is deterministic and offline.
  const stateful = new StatefulStack(theApp, stackName(config, 'Stateful'), {
    config,
    description: `Anxin ${config.stage}: table, personal data key, domain queues and DLQs`,
    terminationProtection: config.isProd,
  });
  const api = new ApiStack(theApp, stackName(config, 'Api'), {
    config,
    description: `Anxin ${config.stage}: HTTP API, authorizer, functions, consumers, alarms`,
    table: stateful.table,
    queues: stateful.queues,
    eventBus: stateful.eventBus,
    personalDataKey: stateful.personalDataKey,
    personalDataHmacKey: stateful.personalDataHmacKey,
    insurerQueues: stateful.insurerQueues,
    webhookQueue: stateful.webhookDelivery.pair,
    webhookSecretsKey: stateful.webhookSecretsKey,
    cursorMacKey: stateful.cursorMacKey,
    alarmEmail,
  });
  api.addStackDependency(stateful);
  // Routes on the API and its authorizer, alarms on its topic: deployed after both others.
  const programme = new ProgrammeStack(theApp, stackName(config, 'Programme'), {
    config,
    description: `Anxin ${config.stage}: the programme's capabilities (credit grades): routes on the HTTP API, read-model consumers, jobs`,
    table: stateful.table,
    queues: stateful.queues,
    eventBus: stateful.eventBus,
    personalDataKey: stateful.personalDataKey,
    personalDataHmacKey: stateful.personalDataHmacKey,
    webhookSecretsKey: stateful.webhookSecretsKey,
    cursorMacKey: stateful.cursorMacKey,
    readModelQueues: stateful.readModelQueues,
    httpApi: api.httpApi,
    authorizer: api.authorizer,
    alarmTopic: api.alarmTopic,
  });
  programme.addStackDependency(stateful);
  programme.addStackDependency(api);

  Tags.of(theApp).add('project', 'anxin');
  Tags.of(theApp).add('stage', config.stage);

  applyNagChecks(theApp, options.cloudFormationValidation);
  return { app: theApp, config, stateful, api, programme };
}

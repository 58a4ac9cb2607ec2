/**
 * CDK app entry (cdk.json: `npx tsx infra/app.ts`).
 *
 *   npx cdk synth --quiet                 # dev (default context in cdk.json)
 *   npx cdk synth --quiet -c stage=prod
 *   npx cdk deploy --all -c stage=prod [-c alarmEmail=ops@example.com]
 */
import { App } from 'aws-cdk-lib';
import { createAnxinApp } from './anxin-app';

const { app } = createAnxinApp(new App());
app.synth();

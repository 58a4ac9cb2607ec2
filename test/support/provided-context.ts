/** What the projects' global setups provide to test files (inject('…')). */
import type { LocalTable } from '../../local/topology';
import type { DeployedRoute } from './deployed-shape';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's DynamoDB Local, as the integration project uses it (dynamodb-setup.ts, run-dynamodb.ts). */
    dynamodbEndpoint: string;
    /** The table as the stateful stack synthesizes it, read once for the integration project (deployed-shape.ts). */
    testTable: LocalTable;
    /** ROUTES and PROGRAMME_ROUTES of the CDK app, read once for the integration project (deployed-shape.ts). */
    deployedRoutes: DeployedRoute[];
    /** The webhook settings' environment the dev stage gives its route functions (deployed-shape.ts). */
    webhookRouteEnv: Record<string, string>;
    /** The run's DynamoDB Local, as the e2e project uses it: one database per platform (shared-dynamodb-setup.ts). */
    sharedDynamodbEndpoint: string;
    /** The Anxin app (stage dev) synthesized once for the run (assembly-setup.ts). */
    anxinCloudAssembly: string;
    /** The infra project's scratch folder for this run, removed at its end (infra-scratch-setup.ts). */
    infraScratchDir: string;
  }
}

export {};

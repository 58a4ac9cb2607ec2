/**
 * What the integration tests take from the CDK app, read once per run in the integration
 * project's global setup (dynamodb-setup.ts, vitest's main process) and handed to every test
 * file as JSON (`inject('testTable')`, `inject('deployedRoutes')`, `inject('webhookRouteEnv')`).
 *
 * The shapes still come from the app itself, never from a hand-written copy: the table is
 * what the stateful stack synthesizes (through the local platform's template reader), the
 * routes are ROUTES and PROGRAMME_ROUTES (which test/infra/app.test.ts holds equal to the
 * template's routes). Reading them here instead of in each test file spares every
 * integration file importing aws-cdk-lib and infra/ (~2 CPU-seconds per file, in a fresh
 * process each: the integration project does not share module caches).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalTable } from '../../local/topology';

/** A route as API Gateway would be given it: its key's parts, the entry CDK bundles for it, whether it skips the API key. */
export interface DeployedRoute {
  method: string;
  path: string;
  entry: string;
  public: boolean;
}

export interface DeployedShape {
  table: LocalTable;
  routes: DeployedRoute[];
  /** The webhook settings' environment the dev stage gives its route functions. */
  webhookRouteEnv: Record<string, string>;
}

export async function readDeployedShape(): Promise<DeployedShape> {
  const [{ App }, { stageConfig }, { StatefulStack }, { ROUTES }, { PROGRAMME_ROUTES }, { readTopology }, { webhookRouteEnv }] = await Promise.all([
    import('aws-cdk-lib'),
    import('../../infra/config'),
    import('../../infra/stacks/stateful-stack'),
    import('../../infra/stacks/api-stack'),
    import('../../infra/stacks/programme-stack'),
    import('../../local/template'),
    import('../../shared/webhooks/settings'),
  ]);
  const config = stageConfig('dev');
  const outdir = mkdtempSync(join(tmpdir(), 'anxin-synth-'));
  try {
    // The stateful stack alone: no assets, so it is quick. Without CDK's CloudFormation
    // validation (~3 CPU-s of WASM): this runs in vitest's main process, which the config's
    // CDK_VALIDATION=false does not reach, and the infra tests validate the real app.
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    new StatefulStack(app, 'Anxin-test-Stateful', { config });
    app.synth();
    const topology = readTopology({ cdkOutDir: outdir, region: 'us-east-1', accountId: '000000000000', sqsEndpoint: 'http://127.0.0.1:9' });
    const table = topology.tables[0];
    if (!table) throw new Error('the stateful stack synthesized no table');
    return {
      table,
      routes: [...ROUTES, ...PROGRAMME_ROUTES].map((r) => ({ method: r.method, path: r.path, entry: r.entry, public: Boolean(r.public) })),
      webhookRouteEnv: webhookRouteEnv(config.webhooks),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

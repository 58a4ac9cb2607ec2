/**
 * The commands whose cost the bench reports, with their targets. A command with a driver
 * is measured; one without is listed as not measured yet. Adding one = a driver that runs
 * it `count` times against the platform and returns the event ids to wait for.
 */
import type { StoreContext } from '../../shared/store/client';
import type { HttpObserver } from '../lib/http';
import { CREATE_ROUTE, postOrders } from '../throughput/post-orders';
import { driveCertificateLookups, LOOKUP_ROUTE } from './certificate-lookup-driver';
import { CLAIM_ROUTE, driveClaims, prepareClaims, type PreparedClaims } from './claim-driver';
import { driveLifecycles, LIFECYCLE_ROUTES } from './lifecycle-driver';

export interface DriveContext {
  apiUrl: string;
  apiKey: string;
  /** The enterprise the key belongs to, and the table (straight to DynamoDB Local, not metered) for set-up and waits. */
  tenantId: string;
  store: StoreContext;
  observe: HttpObserver;
  /** SQS as an insurer reaches it (through the meter: the queue owner pays for its requests), and the account in queue URLs. */
  insurerSqsEndpoint: string;
  accountId: string;
}

export interface CommandSpec {
  name: string;
  /** Route keys the command needs in the template. */
  routes: string[];
  /** Share of the plan's command count to run (a lifecycle is eight requests, a create one). */
  countShare?: number;
  /**
   * Set-up for `total` commands (warm-up and measured run together), before the metered
   * window opens: what must exist before the command can be made at all.
   */
  prepare?: (ctx: DriveContext, total: number) => Promise<unknown>;
  /** Runs the command `count` times; returns the event ids to await. Absent = not built yet. */
  drive?: (ctx: DriveContext, count: number, concurrency: number, prepared: any) => Promise<{ eventIds: string[]; failures: Record<number, number> }>;
  /** Why it is not measured. */
  notBuilt?: string;
  /** Template routes that show the feature is on its way (reported, not measured). */
  hints?: RegExp;
}

export const COMMANDS: CommandSpec[] = [
  {
    name: 'order create',
    routes: [CREATE_ROUTE],
    drive: async (ctx, count, concurrency) => {
      const run = await postOrders({ apiUrl: ctx.apiUrl, apiKey: ctx.apiKey, count, concurrency, seed: 4242, label: `metered creates c=${concurrency}`, observe: ctx.observe });
      return { eventIds: run.eventIds, failures: run.failures };
    },
  },
  {
    name: 'order full lifecycle (create → assign → confirm → check-in → check-out → rate → close)',
    routes: LIFECYCLE_ROUTES,
    countShare: 0.2,
    drive: (ctx, count, concurrency) => driveLifecycles(ctx, count, concurrency, 5151),
  },
  {
    name: 'insurance claim (filed, covered, delivered to the insurer queue, received)',
    routes: [CLAIM_ROUTE],
    countShare: 0.5,
    prepare: (ctx, total) => prepareClaims(ctx, total),
    drive: (ctx, count, concurrency, prepared: PreparedClaims) => driveClaims(ctx, count, concurrency, prepared),
  },
  {
    name: 'certificate lookup (public QR)',
    routes: [LOOKUP_ROUTE],
    drive: (ctx, count, concurrency) => driveCertificateLookups(ctx, count, concurrency),
  },
];

/** Shared plumbing of the map-*.ts files. */
import type { UnsupportedResource } from './errors';
import type { StackContext } from './intrinsics';
import type { CfnResource } from './template-types';

export interface MapContext {
  /** The stacks selected to run locally. */
  stacks: StackContext[];
  /** Resources of a mapped type whose configuration cannot run locally (reported together). */
  unsupported: UnsupportedResource[];
}

export interface ResourceVisit {
  stack: StackContext;
  logicalId: string;
  resource: CfnResource;
  /** `<stack>/<logicalId>`, for error messages. */
  where: string;
  /** A resolved property. */
  prop(name: string): unknown;
}

/** Calls `visit` for every resource of `type` that CloudFormation would create. */
export function eachResource<T>(ctx: MapContext, type: string, visit: (r: ResourceVisit) => T | undefined): T[] {
  const out: T[] = [];
  for (const stack of ctx.stacks) {
    for (const [logicalId, resource] of stack.resources()) {
      if (resource.Type !== type || !stack.isActive(logicalId)) continue;
      const value = visit({
        stack,
        logicalId,
        resource,
        where: `${stack.stackName}/${logicalId}`,
        prop: (name) => stack.prop(logicalId, name),
      });
      if (value !== undefined) out.push(value);
    }
  }
  return out;
}

export function unsupported(ctx: MapContext, r: ResourceVisit, reason: string): undefined {
  ctx.unsupported.push({ stackName: r.stack.stackName, logicalId: r.logicalId, type: r.resource.Type, reason });
  return undefined;
}

export const asNumber = (value: unknown, fallback: number): number => {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
};

export const asBoolean = (value: unknown, fallback: boolean): boolean =>
  value === undefined || value === null ? fallback : value === true || value === 'true';

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

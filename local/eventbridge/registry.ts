/**
 * The buses and rules the local endpoint serves: the template's (LocalEventBus /
 * LocalEventRule) plus the `default` bus every account has. Replaced as a whole by
 * update() when watch mode re-reads the template, like a deployment would.
 */
import type { LocalEventBus, LocalEventRule } from '../topology';

export const DEFAULT_BUS = 'default';

export interface BusRecord {
  name: string;
  arn: string;
  description?: string;
  /** Epoch ms: when this endpoint first saw the bus. */
  createdAt: number;
}

/** `name`, or the name inside `arn:...:event-bus/<name>`; undefined/'' is the default bus. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return DEFAULT_BUS;
  const at = nameOrArn.indexOf(':event-bus/');
  return nameOrArn.startsWith('arn:') && at >= 0 ? nameOrArn.slice(at + ':event-bus/'.length) : nameOrArn;
}

export class BusRegistry {
  private buses = new Map<string, BusRecord>();
  private rulesByBus = new Map<string, LocalEventRule[]>();

  constructor(
    private readonly arnPrefix: string,
    private readonly now: () => number,
  ) {
    this.update([], []);
  }

  /** Local ARN of a bus: arn:<partition>:events:<region>:<account>:event-bus/<name>. */
  busArn(name: string): string {
    return `${this.arnPrefix}event-bus/${name}`;
  }

  update(buses: readonly LocalEventBus[], rules: readonly LocalEventRule[]): void {
    const next = new Map<string, BusRecord>();
    const keep = (name: string, arn: string, description?: string) => {
      const createdAt = this.buses.get(name)?.createdAt ?? this.now();
      next.set(name, { name, arn, createdAt, ...(description ? { description } : {}) });
    };
    keep(DEFAULT_BUS, this.busArn(DEFAULT_BUS));
    for (const bus of buses) keep(bus.name, bus.arn, bus.description);
    const byBus = new Map<string, LocalEventRule[]>();
    for (const rule of rules) byBus.set(rule.busName, [...(byBus.get(rule.busName) ?? []), rule]);
    this.buses = next;
    this.rulesByBus = byBus;
  }

  bus(nameOrArn: string | undefined): BusRecord | undefined {
    return this.buses.get(busNameOf(nameOrArn));
  }

  allBuses(): BusRecord[] {
    return [...this.buses.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  rules(busName: string): LocalEventRule[] {
    return this.rulesByBus.get(busName) ?? [];
  }
}

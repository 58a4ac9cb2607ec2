/**
 * The last N events each bus received, with the rules they matched: what a developer
 * asks "did my event arrive, and where did it go?" with (GET /_anxin/events on the local
 * endpoint). Memory only; an event that matched no rule is here too.
 */
import type { EventBridgeEvent } from './event';

export interface RecentEvent {
  bus: string;
  receivedAt: string;
  /** Logical ids of the enabled rules the event matched (empty: dropped). */
  matchedRules: string[];
  event: EventBridgeEvent;
}

export class RecentEvents {
  private readonly byBus = new Map<string, RecentEvent[]>();

  constructor(private readonly perBus: number) {}

  add(entry: RecentEvent): void {
    if (this.perBus <= 0) return;
    const list = this.byBus.get(entry.bus) ?? [];
    list.push(entry);
    if (list.length > this.perBus) list.splice(0, list.length - this.perBus);
    this.byBus.set(entry.bus, list);
  }

  /** Newest last; one bus, or all of them. */
  list(bus?: string): RecentEvent[] {
    if (bus !== undefined) return [...(this.byBus.get(bus) ?? [])];
    return [...this.byBus.values()].flat().sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : 1));
  }
}

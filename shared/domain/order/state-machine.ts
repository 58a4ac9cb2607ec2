/**
 * The order lifecycle (docs/domain.md "Orders"): the one place that says which command
 * may move an order from which status to which. Pure data and functions, no I/O.
 *
 *   CREATED → ASSIGNED → CONFIRMED → IN_SERVICE → COMPLETED → RATED → CLOSED
 *   side paths: RESCHEDULED (before service starts), CANCELLED (before service starts),
 *               NO_SHOW (at the door), DISPUTED → RESOLVED
 *   live-in placements record attendance days while IN_SERVICE (status unchanged)
 *   complaints are opened and resolved beside the lifecycle (status unchanged), see
 *   COMPLAINT_RULES below
 */
export const ORDER_STATUSES = [
  'CREATED',
  'ASSIGNED',
  'CONFIRMED',
  'RESCHEDULED',
  'IN_SERVICE',
  'COMPLETED',
  'RATED',
  'CLOSED',
  'CANCELLED',
  'NO_SHOW',
  'DISPUTED',
  'RESOLVED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_COMMANDS = [
  'create',
  'assign',
  'confirm',
  'reschedule',
  'check-in',
  'attendance',
  'check-out',
  'rate',
  'close',
  'cancel',
  'no-show',
  'dispute',
  'resolve',
  'open-complaint',
  'resolve-complaint',
] as const;
export type OrderCommand = (typeof ORDER_COMMANDS)[number];

/** from status → command → to status. Anything not listed is an illegal transition. */
const TRANSITIONS: Record<OrderStatus, Partial<Record<OrderCommand, OrderStatus>>> = {
  CREATED: { assign: 'ASSIGNED', reschedule: 'RESCHEDULED', cancel: 'CANCELLED' },
  ASSIGNED: { assign: 'ASSIGNED', confirm: 'CONFIRMED', reschedule: 'RESCHEDULED', cancel: 'CANCELLED' },
  CONFIRMED: { 'check-in': 'IN_SERVICE', reschedule: 'RESCHEDULED', cancel: 'CANCELLED', 'no-show': 'NO_SHOW' },
  RESCHEDULED: { assign: 'ASSIGNED', confirm: 'CONFIRMED', reschedule: 'RESCHEDULED', cancel: 'CANCELLED' },
  IN_SERVICE: { attendance: 'IN_SERVICE', 'check-out': 'COMPLETED', dispute: 'DISPUTED' },
  COMPLETED: { rate: 'RATED', close: 'CLOSED', dispute: 'DISPUTED' },
  RATED: { close: 'CLOSED', dispute: 'DISPUTED' },
  DISPUTED: { resolve: 'RESOLVED' },
  RESOLVED: { close: 'CLOSED' },
  NO_SHOW: { dispute: 'DISPUTED', close: 'CLOSED' },
  CANCELLED: {},
  CLOSED: {},
};

/**
 * Complaint commands annotate an order (trace entry, complaint item) and never move it.
 * Opening one is allowed in every status except CANCELLED: a cancelled order had no
 * service, so there is no on-the-job evidence to link and nothing a claim could cover (a
 * complaint about the cancellation itself is the enterprise's own customer service).
 * CLOSED stays open to complaints on purpose: problems often surface after an order is
 * closed. Resolving is allowed in every status, so a complaint opened before a later
 * cancel or close can always be settled.
 */
const COMPLAINT_RULES: Record<'open-complaint' | 'resolve-complaint', readonly OrderStatus[]> = {
  'open-complaint': ['CANCELLED'],
  'resolve-complaint': [],
};

/**
 * A rating link stays valid for its whole 30 days, and the enterprise usually closes the
 * order meanwhile (or a dispute runs its course): the household's rating of such an order
 * is recorded and traced without moving it. Only a COMPLETED order becomes RATED.
 */
const LATE_RATING: readonly OrderStatus[] = ['DISPUTED', 'RESOLVED', 'CLOSED'];

export type Transition = { ok: true; to: OrderStatus } | { ok: false; reason: string };

export function transition(from: OrderStatus | undefined, command: OrderCommand): Transition {
  if (from === undefined) {
    return command === 'create' ? { ok: true, to: 'CREATED' } : { ok: false, reason: 'order does not exist' };
  }
  if (command === 'create') return { ok: false, reason: 'order already exists' };
  if (command === 'open-complaint' || command === 'resolve-complaint') {
    const refused = COMPLAINT_RULES[command].includes(from);
    const what = command === 'open-complaint' ? 'open a complaint' : 'resolve a complaint';
    return refused ? { ok: false, reason: `cannot ${what} on an order in status ${from}` } : { ok: true, to: from };
  }
  if (command === 'rate' && LATE_RATING.includes(from)) return { ok: true, to: from };
  const to = TRANSITIONS[from][command];
  return to ? { ok: true, to } : { ok: false, reason: `cannot ${command} an order in status ${from}` };
}

export const isTerminal = (status: OrderStatus): boolean => Object.keys(TRANSITIONS[status]).length === 0;

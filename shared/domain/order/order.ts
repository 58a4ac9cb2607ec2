/**
 * The order aggregate and the pure function that applies a command to it. The consumer
 * gathers the facts a rule needs (is the worker employed here? is that attendance day
 * taken?), calls `decide`, and persists what it returns; replaying the applied commands
 * through `decide` with the same facts always yields the stored order.
 */
import type { CreateOrderRequest } from '../../schemas/order';
import { MAX_ORDER_SPAN_DAYS } from '../../schemas/order';
import type { CommandPayload, OrderCommandType } from '../../schemas/order-commands';
import { transition, type OrderCommand, type OrderStatus } from './state-machine';
import { certificateRefusal, type AssignmentLight, type AssignmentPolicy } from '../certificate/assignment';
import { dayOf } from '../../lib/shanghai-day';

type Evidence = CommandPayload<'order.check-in'>;

export interface Order extends CreateOrderRequest {
  orderId: string;
  tenantId: string;
  status: OrderStatus;
  /** Number of applied commands; equals the seq of the last trace entry. */
  version: number;
  createdAt: string;
  updatedAt: string;
  workerId?: string;
  assignedAt?: string;
  confirmedAt?: string;
  rescheduledCount?: number;
  checkIn?: Evidence;
  checkOut?: Evidence;
  /** Live-in placements: number of attendance days recorded, and the last one. */
  attendanceDays?: number;
  lastAttendanceDate?: string;
  cancellation?: CommandPayload<'order.cancel'> & { at: string };
  noShow?: CommandPayload<'order.no-show'>;
  dispute?: CommandPayload<'order.dispute'> & { at: string };
  resolution?: CommandPayload<'order.resolve'> & { at: string };
  rating?: { stars: number; at: string };
  closedAt?: string;
  /** Complaints ever opened on this order, and how many of them are still open. */
  complaintCount?: number;
  openComplaintCount?: number;
}

/** A command as the domain sees it: who it addresses, when it was accepted, what it says. */
export type OrderCommandInput = {
  [T in OrderCommandType]: { type: T; orderId: string; tenantId: string; at: string; payload: CommandPayload<T> };
}[OrderCommandType];

/** What the consumer looked up before deciding (the domain itself does no I/O). */
export interface DecisionFacts {
  /** assign: the worker has a current employment link with the order's enterprise. */
  workerEmployed?: boolean;
  /** attendance: a record for that date exists already. */
  attendanceRecorded?: boolean;
  /** open-complaint / resolve-complaint: the complaint with the command's id, if one is stored. */
  complaint?: { orderId: string; status: 'open' | 'resolved' };
  /**
   * assign: the worker's certificate light when the command was accepted ('none': no
   * certificate yet), judged by `assignmentPolicy` (domain/certificate/assignment.ts).
   * Absent = not checked, as before certificates existed.
   */
  certificateLight?: AssignmentLight;
  assignmentPolicy?: AssignmentPolicy;
}

/**
 * The trace entry type of a command: the command type itself, except for complaints,
 * whose entries read as what happened to the order (the status does not change).
 */
export const TRACE_ENTRY_TYPES: Partial<Record<OrderCommandType, string>> = {
  'order.open-complaint': 'order.complaint-opened',
  'order.resolve-complaint': 'order.complaint-resolved',
};
export const traceEntryType = (type: OrderCommandType): string => TRACE_ENTRY_TYPES[type] ?? type;

export type Decision = { ok: true; order: Order } | { ok: false; reason: string };

const reject = (reason: string): Decision => ({ ok: false, reason });
const commandName = (type: OrderCommandType) => type.slice('order.'.length) as OrderCommand;
const DAY = 86_400_000;

function checkSchedule(schedule: { start: string; end: string }): string | undefined {
  const span = Date.parse(schedule.end) - Date.parse(schedule.start);
  if (!(span > 0)) return 'schedule.end must be after schedule.start';
  if (span > MAX_ORDER_SPAN_DAYS * DAY) return `an order spans at most ${MAX_ORDER_SPAN_DAYS} days`;
  return undefined;
}

export function decide(current: Order | undefined, command: OrderCommandInput, facts: DecisionFacts = {}): Decision {
  const t = transition(current?.status, commandName(command.type));
  if (!t.ok) return t;
  const at = command.at;

  if (command.type === 'order.create') {
    return {
      ok: true,
      order: {
        ...command.payload,
        orderId: command.orderId,
        tenantId: command.tenantId,
        status: t.to,
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
    };
  }

  const order = current!;
  const next: Order = { ...order, status: t.to, version: order.version + 1, updatedAt: at };
  switch (command.type) {
    case 'order.assign':
      if (!facts.workerEmployed) return reject(`worker ${command.payload.workerId} is not currently employed by this enterprise`);
      if (facts.certificateLight !== undefined) {
        const refusal = certificateRefusal(command.payload.workerId, facts.certificateLight, facts.assignmentPolicy);
        if (refusal) return reject(refusal);
      }
      return { ok: true, order: { ...next, workerId: command.payload.workerId, assignedAt: at, confirmedAt: undefined } };
    case 'order.confirm':
      if (!order.workerId) return reject('assign a worker before confirming');
      return { ok: true, order: { ...next, confirmedAt: at } };
    case 'order.reschedule': {
      const problem = checkSchedule(command.payload.schedule);
      if (problem) return reject(problem);
      return {
        ok: true,
        order: { ...next, schedule: command.payload.schedule, confirmedAt: undefined, rescheduledCount: (order.rescheduledCount ?? 0) + 1 },
      };
    }
    case 'order.check-in':
      return { ok: true, order: { ...next, checkIn: command.payload } };
    case 'order.attendance': {
      const { date, checkIn, checkOut } = command.payload;
      if (order.mode !== 'live_in') return reject('attendance days are recorded for live-in placements only');
      if (!(Date.parse(checkOut) > Date.parse(checkIn))) return reject('checkOut must be after checkIn');
      // The placement's days in Guangzhou, whatever offset the schedule was written with.
      const first = dayOf(order.schedule.start)!;
      const last = dayOf(order.schedule.end)!;
      if (date < first || date > last) return reject(`attendance date ${date} is outside the placement (${first} – ${last})`);
      if (facts.attendanceRecorded) return reject(`attendance for ${date} is already recorded`);
      return {
        ok: true,
        order: {
          ...next,
          attendanceDays: (order.attendanceDays ?? 0) + 1,
          lastAttendanceDate: order.lastAttendanceDate && order.lastAttendanceDate > date ? order.lastAttendanceDate : date,
        },
      };
    }
    case 'order.check-out':
      if (order.checkIn && Date.parse(command.payload.at) < Date.parse(order.checkIn.at)) {
        return reject('check-out cannot be before check-in');
      }
      return { ok: true, order: { ...next, checkOut: command.payload } };
    case 'order.cancel':
      return { ok: true, order: { ...next, cancellation: { ...command.payload, at } } };
    case 'order.no-show':
      return { ok: true, order: { ...next, noShow: command.payload } };
    case 'order.dispute':
      return { ok: true, order: { ...next, dispute: { ...command.payload, at } } };
    case 'order.resolve':
      return { ok: true, order: { ...next, resolution: { ...command.payload, at } } };
    case 'order.rate':
      // One rating per order, whichever link it came with.
      if (order.rating) return reject('the order is rated already');
      return { ok: true, order: { ...next, rating: { stars: command.payload.stars, at } } };
    case 'order.close':
      return { ok: true, order: { ...next, closedAt: at } };
    case 'order.open-complaint':
      if (facts.complaint) return reject(`complaint ${command.payload.complaintId} exists already`);
      return {
        ok: true,
        order: { ...next, complaintCount: (order.complaintCount ?? 0) + 1, openComplaintCount: (order.openComplaintCount ?? 0) + 1 },
      };
    case 'order.resolve-complaint': {
      const { complaintId } = command.payload;
      if (facts.complaint?.orderId !== order.orderId) return reject(`complaint ${complaintId} was not opened on this order`);
      if (facts.complaint.status !== 'open') return reject(`complaint ${complaintId} is resolved already`);
      return { ok: true, order: { ...next, openComplaintCount: Math.max(0, (order.openComplaintCount ?? 0) - 1) } };
    }
  }
}

/** Folds commands through `decide`, skipping rejected ones: what the stored order must equal. */
export function replay(commands: OrderCommandInput[], factsOf: (command: OrderCommandInput, order?: Order) => DecisionFacts = () => ({})) {
  let order: Order | undefined;
  for (const command of commands) {
    const decision = decide(order, command, factsOf(command, order));
    if (decision.ok) order = decision.order;
  }
  return order;
}

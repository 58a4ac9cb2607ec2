/**
 * The order aggregate and the pure function that applies a command to it. The consumer
 * calls this and persists what it returns; replaying the accepted commands through it
 * always yields the stored order.
 */
import type { CreateOrderRequest } from '../../schemas/order';
import { transition, type OrderStatus } from './state-machine';

export interface Order extends CreateOrderRequest {
  orderId: string;
  tenantId: string;
  status: OrderStatus;
  /** Number of applied commands; equals the seq of the last trace entry. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateOrderCommand {
  type: 'order.create';
  orderId: string;
  tenantId: string;
  at: string;
  payload: CreateOrderRequest;
}

export type OrderCommandInput = CreateOrderCommand;

export type Decision = { ok: true; order: Order } | { ok: false; reason: string };

export function decide(current: Order | undefined, command: OrderCommandInput): Decision {
  switch (command.type) {
    case 'order.create': {
      const t = transition(current?.status, 'create');
      if (!t.ok) return t;
      return {
        ok: true,
        order: {
          ...command.payload,
          orderId: command.orderId,
          tenantId: command.tenantId,
          status: t.to,
          version: 1,
          createdAt: command.at,
          updatedAt: command.at,
        },
      };
    }
  }
}

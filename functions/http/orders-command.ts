/**
 * POST /v1/orders/{orderId}/<command> — the lifecycle commands (assign, confirm, reschedule,
 * check-in, attendance, check-out, cancel, no-show, dispute, resolve, close). One function
 * serves them all: the command comes from the route, its body schema from the command.
 * Accepted with 202 and applied by the orders consumer, which checks the transition. The
 * station a check-in or check-out names as its evidence must be active, like an order's
 * (services/order-station.ts).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { ORDER_COMMAND_BODIES, PARTNER_COMMANDS, type PartnerCommand } from '../../shared/schemas/order-commands';
import type { CommandRequest } from '../../shared/events/command-request';
import { acceptOrderCommand } from '../../shared/services/accept-order-command';
import { requireActiveStation } from '../../shared/services/order-station';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const command = event.routeKey.split('/').at(-1) as PartnerCommand;
  if (!PARTNER_COMMANDS.includes(command)) throw problems.notFound('Command');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  const key = requiredIdempotencyKey(event);
  const payload = parseBody(event, ORDER_COMMAND_BODIES[command]);
  if ('stationId' in payload) await requireActiveStation(deps.store, caller, key, payload.stationId);
  const request = { type: `order.${command}`, orderId, payload } as CommandRequest;
  const accepted = await acceptOrderCommand(deps, caller, key, request);
  return json(202, accepted, { location: `/v1/events/${accepted.eventId}` });
});

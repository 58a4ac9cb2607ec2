/**
 * Complaints, the accepting half. Opening and resolving a complaint are order commands
 * (`order.open-complaint`, `order.resolve-complaint`): they travel the orders queue in the
 * order's message group and the consumer applies them in the transaction that appends the
 * order's trace entry and writes the complaint item (services/apply-order-command.ts).
 *
 * The description is free text that may hold personal data: it rides in the command
 * payload to the consumer and is stored on the complaint only; the trace keeps the
 * payload's hash, events copy whitelisted facts, logs carry ids.
 */
import type { Caller } from '../auth/roles';
import { complaintIdFor } from '../lib/ids';
import { problems, Problem } from '../lib/problem';
import type { CommandPayload } from '../schemas/order-commands';
import { complaintsRepository } from '../store/complaints-repository';
import { ratingTokensRepository } from '../store/rating-tokens-repository';
import { acceptOrderCommand, type AcceptDeps, type Accepted } from './accept-order-command';
import { verifiedRatingToken } from './ratings';

export interface ComplaintAccepted extends Accepted {
  complaintId: string;
}

type OpenBody = Pick<CommandPayload<'order.open-complaint'>, 'category' | 'description'>;
type ResolveBody = Pick<CommandPayload<'order.resolve-complaint'>, 'resolution' | 'note'>;

/** POST /v1/orders/{orderId}/complaints: the enterprise records a complaint about its own order. */
export async function openEnterpriseComplaint(
  deps: AcceptDeps,
  caller: Caller,
  idempotencyKey: string,
  orderId: string,
  body: OpenBody,
): Promise<ComplaintAccepted> {
  const complaintId = complaintIdFor(caller.tenantId, idempotencyKey);
  const payload = { complaintId, source: 'enterprise' as const, category: body.category, description: body.description };
  const accepted = await acceptOrderCommand(deps, caller, idempotencyKey, { type: 'order.open-complaint', orderId, payload });
  return { ...accepted, complaintId };
}

/**
 * POST /v1/public/complaints: the household complains with its rating token, whether or not
 * it rated with it; at most one complaint per token (409 after that). Same 401 as ratings
 * for forged, unknown and expired tokens.
 */
export async function openHouseholdComplaint(deps: AcceptDeps, token: string, body: OpenBody): Promise<ComplaintAccepted> {
  const record = await verifiedRatingToken(deps, token);
  const used = () =>
    problems.conflict('complaint-token-used', 'Complaint already filed', 'A complaint has been filed with this link already.');
  if (record.complaintAt) throw used();

  // Its own idempotency key per token: one complaint, independent of the token's rating.
  // Accept first, then mark: a crash in between leaves a retry that replays the same command.
  const key = `complaint-token:${record.tokenId}`;
  const complaintId = complaintIdFor(record.tenantId, key);
  const payload = { complaintId, source: 'household' as const, category: body.category, description: body.description };
  let accepted: Accepted;
  try {
    accepted = await acceptOrderCommand(
      deps,
      { tenantId: record.tenantId, role: 'household', keyId: `rating-token:${record.tokenId}` },
      key,
      { type: 'order.open-complaint', orderId: record.orderId, payload },
    );
  } catch (error) {
    // The same token with another complaint while its first one is in flight.
    if (error instanceof Problem && error.slug === 'idempotency-key-reused') throw used();
    throw error;
  }
  await ratingTokensRepository(deps.store).markComplaintUsed(record.tokenId, (deps.now?.() ?? new Date()).toISOString());
  return { ...accepted, complaintId };
}

/**
 * POST /v1/complaints/{complaintId}/resolve, by the enterprise or an admin acting for it.
 * Whether it is still open is the consumer's call (a resolved one ends `rejected` with a
 * reason), so a retried request keeps getting its first answer.
 */
export async function resolveComplaint(
  deps: AcceptDeps,
  caller: Caller,
  tenantId: string,
  idempotencyKey: string,
  complaintId: string,
  body: ResolveBody,
): Promise<ComplaintAccepted> {
  const complaint = await complaintsRepository(deps.store).get(tenantId, complaintId, true);
  if (!complaint) throw problems.notFound('Complaint');
  // An admin's keys live in the tenant's idempotency space here; prefix them so they can
  // never collide with the enterprise's own keys.
  const key = caller.tenantId === tenantId ? idempotencyKey : `acting:${caller.tenantId}:${idempotencyKey}`;
  const payload = { complaintId, resolution: body.resolution, ...(body.note !== undefined ? { note: body.note } : {}) };
  const accepted = await acceptOrderCommand(deps, caller, key, { type: 'order.resolve-complaint', orderId: complaint.orderId, payload }, tenantId);
  return { ...accepted, complaintId };
}

/**
 * Ratings: the enterprise gets a one-time token for a completed order and hands it to the
 * household, which rates with it (no API key). The rating itself is an order command
 * (`order.rate`: COMPLETED → RATED; a DISPUTED, RESOLVED or CLOSED order is rated without
 * moving it, so the link works for its whole 30 days) applied by the consumer like any
 * other, so it lands on the order's trace and rolls up to the worker's and the
 * enterprise's rating summaries in the same transaction.
 */
import type { Caller } from '../auth/roles';
import { issueRatingToken, parseRatingToken, RATING_TOKEN_TTL_DAYS } from '../auth/rating-token';
import { secretMatches } from '../auth/secret-token';
import { problems, Problem } from '../lib/problem';
import type { CommandPayload } from '../schemas/order-commands';
import { ordersRepository } from '../store/orders-repository';
import { ratingTokensRepository, type RatingTokenRecord } from '../store/rating-tokens-repository';
import { acceptOrderCommand, type AcceptDeps, type Accepted } from './accept-order-command';

export async function issueOrderRatingToken(deps: Pick<AcceptDeps, 'store' | 'now'>, caller: Caller, orderId: string) {
  const order = await ordersRepository(deps.store).get(caller.tenantId, orderId, true);
  if (!order) throw problems.notFound('Order');
  if (order.status !== 'COMPLETED') {
    throw problems.conflict('order-not-completed', 'Order not completed', `A rating link is issued once the order is COMPLETED; it is ${order.status}.`);
  }
  const now = deps.now?.() ?? new Date();
  const issued = issueRatingToken();
  const expiresAt = Math.floor(now.getTime() / 1000) + RATING_TOKEN_TTL_DAYS * 86_400;
  await ratingTokensRepository(deps.store).put({
    tokenId: issued.id,
    tenantId: caller.tenantId,
    orderId,
    secretHash: issued.secretHash,
    status: 'unused',
    issuedAt: now.toISOString(),
    expiresAt,
  });
  return { token: issued.token, expiresAt: new Date(expiresAt * 1000).toISOString() };
}

/**
 * The stored record of a token the household presents. A forged, unknown or expired token
 * all get the same 401 (and the same work: one lookup by id), so a guesser learns nothing
 * about which orders exist. Used for ratings and for the household's complaint.
 */
export async function verifiedRatingToken(deps: Pick<AcceptDeps, 'store' | 'now'>, token: string): Promise<RatingTokenRecord> {
  const parsed = parseRatingToken(token);
  const record = parsed ? await ratingTokensRepository(deps.store).get(parsed.id) : undefined;
  const now = deps.now?.() ?? new Date();
  if (!parsed || !record || !secretMatches(parsed.secret, record.secretHash) || record.expiresAt * 1000 <= now.getTime()) {
    throw problems.invalidToken();
  }
  return record;
}

/** A token that was used for a rating already gets 409. */
export async function submitRating(deps: AcceptDeps, token: string, rating: CommandPayload<'order.rate'>): Promise<Accepted> {
  const tokens = ratingTokensRepository(deps.store);
  const now = deps.now?.() ?? new Date();
  const record = await verifiedRatingToken(deps, token);
  const used = () => problems.conflict('rating-token-used', 'Rating link already used', 'This rating link has been used already.');
  if (record.status === 'used') throw used();
  // A link is issued for a COMPLETED order, and every status it can reach later takes a
  // rating (domain/order/state-machine.ts) unless the order was rated already, e.g. with
  // another link: refused here, where the household is told, never accepted and then
  // rejected by the consumer where nobody is.
  const order = await ordersRepository(deps.store).get(record.tenantId, record.orderId, true);
  if (order?.rating) throw problems.conflict('order-already-rated', 'Order already rated', 'This order has been rated already.');

  // Accept first, then mark the token used: a crash in between leaves an unused token whose
  // retry replays the same accepted command (same idempotency key), never a lost rating.
  let accepted: Accepted;
  try {
    accepted = await acceptOrderCommand(
      deps,
      { tenantId: record.tenantId, role: 'household', keyId: `rating-token:${record.tokenId}` },
      `rating-token:${record.tokenId}`,
      { type: 'order.rate', orderId: record.orderId, payload: rating },
    );
  } catch (error) {
    // The same token with another body while its first use is in flight.
    if (error instanceof Problem && error.slug === 'idempotency-key-reused') throw used();
    throw error;
  }
  await tokens.markUsed(record.tokenId, now.toISOString());
  return accepted;
}

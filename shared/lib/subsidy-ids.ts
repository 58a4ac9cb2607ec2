/**
 * Ids of the subsidy records (docs/subsidies.md). Each is derived from the tenant that
 * creates the record and its Idempotency-Key, like a complaint's or an objection's, so a
 * retried request names the same record without a lookup item; the label keeps each kind
 * distinct from the command's event id.
 */
import { commandEventId } from './ids';

const derived = (prefix: string, label: string, tenantId: string, idempotencyKey: string): string =>
  `${prefix}_${commandEventId(tenantId, `${label}\n${idempotencyKey}`).slice('evt_'.length)}`;

/** An application's id, from the applicant and its Idempotency-Key. */
export const subsidyApplicationIdFor = (tenantId: string, idempotencyKey: string): string => derived('sap', 'subsidy-application', tenantId, idempotencyKey);

/** An admin-recorded applicant fact's id (an employment model or a recognition), from the admin and the key. */
export const subsidyFactIdFor = (tenantId: string, idempotencyKey: string): string => derived('sfr', 'subsidy-fact', tenantId, idempotencyKey);

export const SUBSIDY_ID_PATTERNS = {
  application: /^sap_[0-9A-HJKMNP-TV-Z]{26}$/,
  fact: /^sfr_[0-9A-HJKMNP-TV-Z]{26}$/,
};

/**
 * The claim lifecycle (docs/domain.md "Claims"): the one place that says which command
 * may move a claim from which status to which. Pure data and functions, no I/O.
 *
 *   (none) ─file─► filed ─decide─► decided ─pay─► paid
 *          └─file─► not-covered          (terminal: failed the coverage check, never sent)
 *
 * A filing always creates the claim: whether it lands `filed` or `not-covered` is decided
 * by the coverage facts (claim.ts), not by the status. Only an approved or partly approved
 * decision can be paid; a rejected one is final.
 */
export const CLAIM_STATUSES = ['filed', 'not-covered', 'decided', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_COMMANDS = ['file', 'decide', 'pay'] as const;
export type ClaimCommand = (typeof CLAIM_COMMANDS)[number];

export const DECISION_OUTCOMES = ['approved', 'partly-approved', 'rejected'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/** from status → command → to status. Anything not listed is an illegal transition. */
const TRANSITIONS: Record<ClaimStatus, Partial<Record<ClaimCommand, ClaimStatus>>> = {
  filed: { decide: 'decided' },
  decided: { pay: 'paid' },
  'not-covered': {},
  paid: {},
};

export type ClaimTransition = { ok: true; to: ClaimStatus } | { ok: false; reason: string };

/**
 * `outcome` is the claim's decision outcome, needed for `pay` (a rejected claim is never paid).
 * `file` yields `filed`; claim.ts turns it into `not-covered` when coverage fails.
 */
export function claimTransition(from: ClaimStatus | undefined, command: ClaimCommand, outcome?: DecisionOutcome): ClaimTransition {
  if (from === undefined) return command === 'file' ? { ok: true, to: 'filed' } : { ok: false, reason: 'claim does not exist' };
  if (command === 'file') return { ok: false, reason: 'claim already exists' };
  if (command === 'pay' && from === 'decided' && outcome === 'rejected') return { ok: false, reason: 'a rejected claim cannot be paid' };
  const to = TRANSITIONS[from][command];
  return to ? { ok: true, to } : { ok: false, reason: `cannot ${command} a claim in status ${from}` };
}

export const isTerminalClaimStatus = (status: ClaimStatus): boolean => Object.keys(TRANSITIONS[status]).length === 0;

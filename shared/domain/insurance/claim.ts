/**
 * The claim aggregate and the pure function that applies a command to it, in the style of
 * domain/order/order.ts: the claims consumer gathers the facts (the filing's assessment:
 * order, service time, coverage), calls `decide`, and persists what it returns; replaying
 * the applied commands through `decide` with the same facts always yields the stored claim.
 *
 * A filing always creates the claim — `filed` when covered, `not-covered` with the reason
 * otherwise (the enterprise sees why; the insurer never sees it). The insurer then decides
 * (approved = the amount claimed, partly approved = less but more than 0, rejected = 0) and
 * records the payment (at most the approved amount, not before the decision).
 */
import type { DecisionRequest, FileClaimRequest, PaymentRequest } from '../../schemas/claims';
import { claimTransition, type ClaimStatus, type DecisionOutcome } from './claim-state-machine';
import { serviceDateOf, type ServiceEvidence } from './service-time';

/** Why a filing ended `not-covered`. The last three come from the policy lookup (services/insurance-coverage.ts). */
export const NOT_COVERED_REASONS = [
  'order-not-found',
  'no-worker-on-order',
  'reported-late',
  'outside-service-time',
  'worker-not-enrolled',
  'policy-not-active',
  'cover-not-included',
] as const;
export type NotCoveredClaimReason = (typeof NOT_COVERED_REASONS)[number];

export const CLAIM_COMMAND_TYPES = ['claim.file', 'claim.decide', 'claim.pay'] as const;
export type ClaimCommandType = (typeof CLAIM_COMMAND_TYPES)[number];

export interface Claim extends FileClaimRequest {
  claimId: string;
  /** The enterprise that filed it (the claim lives in its partition). */
  tenantId: string;
  status: ClaimStatus;
  /** Number of applied commands; equals the seq of the last trace entry. */
  version: number;
  filedAt: string;
  updatedAt: string;
  /** The worker on the order when the claim was filed. */
  workerId?: string;
  /** Covered claims: the policy that covers the incident and its insurer (tenant id). */
  insurerId?: string;
  policyId?: string;
  policyNumber?: string;
  /** What showed the incident was on the job. */
  evidence?: ServiceEvidence;
  notCovered?: { reason: NotCoveredClaimReason; detail: string };
  decision?: DecisionRequest & { decidedAt: string };
  payment?: PaymentRequest & { recordedAt: string };
}

/** A command as the domain sees it: which claim, when it was accepted, what it says. */
export type ClaimCommandInput =
  | { type: 'claim.file'; claimId: string; tenantId: string; at: string; payload: FileClaimRequest }
  | { type: 'claim.decide'; claimId: string; at: string; payload: DecisionRequest }
  | { type: 'claim.pay'; claimId: string; at: string; payload: PaymentRequest };

/** The outcome of the checks a filing goes through (domain/insurance/filing-check.ts). */
export type FilingAssessment =
  | { covered: true; workerId: string; insurerId: string; policyId: string; policyNumber: string; evidence: ServiceEvidence }
  | { covered: false; reason: NotCoveredClaimReason; detail: string; workerId?: string; evidence?: ServiceEvidence };

/** What the consumer looked up before deciding (the domain itself does no I/O). */
export interface ClaimFacts {
  /** claim.file: required. */
  assessment?: FilingAssessment;
}

export type ClaimDecision = { ok: true; claim: Claim } | { ok: false; reason: string };

/** The trace entry type each resulting status is recorded under. */
export const CLAIM_TRACE_TYPES: Record<ClaimStatus, string> = {
  filed: 'claim.filed',
  'not-covered': 'claim.not-covered',
  decided: 'claim.decided',
  paid: 'claim.paid',
};

const reject = (reason: string): ClaimDecision => ({ ok: false, reason });
const commandName = (type: ClaimCommandType) => type.slice('claim.'.length) as 'file' | 'decide' | 'pay';

/** The amount rules of a decision, against the amount claimed. Undefined when they hold. */
export function decisionAmountProblem(outcome: DecisionOutcome, approvedFen: number, claimedFen: number): string | undefined {
  switch (outcome) {
    case 'approved':
      return approvedFen === claimedFen ? undefined : `an approved claim is approved for the amount claimed (${claimedFen} fen)`;
    case 'partly-approved':
      return approvedFen > 0 && approvedFen < claimedFen ? undefined : `a partly approved amount is more than 0 and less than the amount claimed (${claimedFen} fen)`;
    case 'rejected':
      return approvedFen === 0 ? undefined : 'a rejected claim is approved for 0 fen';
  }
}

export function decideClaim(current: Claim | undefined, command: ClaimCommandInput, facts: ClaimFacts = {}): ClaimDecision {
  const t = claimTransition(current?.status, commandName(command.type), current?.decision?.outcome);
  if (!t.ok) return t;
  const at = command.at;

  if (command.type === 'claim.file') {
    const assessment = facts.assessment;
    if (!assessment) throw new Error('a filing is decided with its assessment');
    const base: Claim = {
      ...command.payload,
      claimId: command.claimId,
      tenantId: command.tenantId,
      status: assessment.covered ? 'filed' : 'not-covered',
      version: 1,
      filedAt: at,
      updatedAt: at,
      ...(assessment.workerId !== undefined ? { workerId: assessment.workerId } : {}),
      ...(assessment.evidence !== undefined ? { evidence: assessment.evidence } : {}),
    };
    return {
      ok: true,
      claim: assessment.covered
        ? { ...base, insurerId: assessment.insurerId, policyId: assessment.policyId, policyNumber: assessment.policyNumber }
        : { ...base, notCovered: { reason: assessment.reason, detail: assessment.detail } },
    };
  }

  const claim = current!;
  const next: Claim = { ...claim, status: t.to, version: claim.version + 1, updatedAt: at };
  if (command.type === 'claim.decide') {
    const { outcome, amountApprovedFen } = command.payload;
    const problem = decisionAmountProblem(outcome, amountApprovedFen, claim.amountClaimedFen);
    if (problem) return reject(problem);
    return { ok: true, claim: { ...next, decision: { ...command.payload, decidedAt: at } } };
  }

  const { amountPaidFen, paidOn } = command.payload;
  const approved = claim.decision!.amountApprovedFen;
  if (amountPaidFen > approved) return reject(`the payment exceeds the approved amount (${approved} fen)`);
  const decidedOn = serviceDateOf(claim.decision!.decidedAt);
  if (paidOn < decidedOn) return reject(`paidOn ${paidOn} is before the decision (${decidedOn})`);
  const today = serviceDateOf(at);
  if (paidOn > today) return reject(`paidOn ${paidOn} is in the future`);
  return { ok: true, claim: { ...next, payment: { ...command.payload, recordedAt: at } } };
}

/** Folds commands through `decideClaim`, skipping rejected ones: what the stored claim must equal. */
export function replayClaim(commands: readonly ClaimCommandInput[], factsOf: (command: ClaimCommandInput) => ClaimFacts = () => ({})): Claim | undefined {
  let claim: Claim | undefined;
  for (const command of commands) {
    const decision = decideClaim(claim, command, factsOf(command));
    if (decision.ok) claim = decision.claim;
  }
  return claim;
}

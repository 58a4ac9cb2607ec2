/**
 * The application's state machine (docs/subsidies.md "The state machine"): which step from
 * which state, by whom, and what each step must satisfy — errors as typed results. Then a
 * property: whatever sequence of steps anyone attempts, the application only moves along
 * the table, and the budget commits exactly the approved amount.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/roles';
import {
  APPLICATION_COMMANDS,
  APPLICATION_STATES,
  COMMAND_ACTORS,
  decideApplication,
  isTerminalState,
  traceTypeOf,
  TRANSITIONS,
  type Actor,
  type ApplicationCommand,
  type ApplicationCommandType,
  type ApplicationState,
  type SubsidyApplication,
} from '../../shared/domain/subsidy/application';
import type { SubsidyBudget } from '../../shared/domain/subsidy/budget';
import type { EligibilityResult } from '../../shared/domain/subsidy/eligibility';

const APPLICANT: Actor = { tenantId: 'ten_A', role: 'enterprise' };
const OTHER: Actor = { tenantId: 'ten_B', role: 'enterprise' };
const ADMIN: Actor = { tenantId: 'ten_admin', role: 'admin' };

const eligibility = (eligible: boolean, allowedFen = 3_000_000): EligibilityResult => ({
  catalogueVersion: '2026.1',
  schemeId: 'graduate-employment',
  year: 2025,
  applicantId: 'ten_A',
  eligible,
  rules: eligible
    ? [{ rule: 'applicant-is-enterprise', passed: true, detail: 'the applicant is an enterprise', facts: [] }]
    : [
        { rule: 'applicant-is-enterprise', passed: true, detail: 'the applicant is an enterprise', facts: [] },
        { rule: 'graduate-consent-given', passed: false, detail: 'the worker has not given the subsidy-graduate consent', facts: [], workerId: 'wkr_1' },
      ],
  failedRules: eligible ? [] : ['graduate-consent-given'],
  amount: { kind: 'per-person-year', allowedFen },
});

const application = (state: ApplicationState, over: Partial<SubsidyApplication> = {}): SubsidyApplication => ({
  applicationId: 'sap_1',
  schemeId: 'graduate-employment',
  year: 2025,
  applicantId: 'ten_A',
  state,
  catalogueVersion: '2026.1',
  allowedFen: 3_000_000,
  evidenceHash: 'e'.repeat(64),
  submittedOn: '2026-02-01',
  ...(state === 'approved' || state === 'paid' ? { approvedFen: 3_000_000, approvedOn: '2026-03-01' } : {}),
  version: 1,
  traceHead: { seq: 1, hash: 'f'.repeat(64) },
  ...over,
});

const budget = (allocatedFen: number, committedFen = 0, paidFen = 0): SubsidyBudget => ({ schemeId: 'graduate-employment', year: 2025, allocatedFen, committedFen, paidFen });

/** A well-formed command of each type. */
const command = (type: ApplicationCommandType): ApplicationCommand => {
  switch (type) {
    case 'submit':
      return { type, eligibility: eligibility(true) };
    case 'request-info':
      return { type, message: 'please refer to the labour contract of wkr_1' };
    case 'supplement':
      return { type, eligibility: eligibility(true) };
    case 'approve':
      return { type, amountFen: 3_000_000, on: '2026-03-01', budget: budget(10_000_000) };
    case 'reject':
      return { type, reason: 'the social-insurance record does not cover the year' };
    case 'record-payment':
      return { type, amountFen: 3_000_000, paidOn: '2026-03-05', paymentRef: 'TRF-2026-0001', budget: budget(10_000_000, 3_000_000) };
    case 'withdraw':
      return { type };
  }
};
const actorFor = (type: ApplicationCommandType) => (COMMAND_ACTORS[type] === 'admin' ? ADMIN : APPLICANT);

describe('the transitions table', () => {
  it('every listed step succeeds for the right actor, and lands where the table says', () => {
    for (const from of APPLICATION_STATES) {
      for (const type of APPLICATION_COMMANDS) {
        if (type === 'submit') continue;
        const decision = decideApplication(application(from), actorFor(type), command(type));
        const to = TRANSITIONS[from][type];
        if (to) expect(decision, `${from} ${type}`).toMatchObject({ ok: true, to });
        else expect(decision, `${from} ${type}`).toEqual({ ok: false, error: { code: 'not-allowed-in-state', state: from, command: type } });
      }
    }
  });

  it('submit creates a submitted application, once', () => {
    expect(decideApplication(undefined, APPLICANT, command('submit'))).toEqual({ ok: true, to: 'submitted', allowedFen: 3_000_000 });
    expect(decideApplication(application('submitted'), APPLICANT, command('submit'))).toEqual({
      ok: false,
      error: { code: 'not-allowed-in-state', state: 'exists', command: 'submit' },
    });
  });

  it('rejected, paid and withdrawn are final', () => {
    expect(APPLICATION_STATES.filter(isTerminalState)).toEqual(['rejected', 'paid', 'withdrawn']);
  });

  it('names each step on the trace', () => {
    expect(APPLICATION_COMMANDS.map(traceTypeOf)).toEqual([
      'subsidy.submitted',
      'subsidy.info-requested',
      'subsidy.supplemented',
      'subsidy.approved',
      'subsidy.rejected',
      'subsidy.paid',
      'subsidy.withdrawn',
    ]);
  });
});

describe('who may do what', () => {
  it('admins decide; applicants submit, supplement and withdraw', () => {
    expect(decideApplication(application('submitted'), APPLICANT, command('approve'))).toEqual({ ok: false, error: { code: 'not-permitted', detail: 'only an admin may approve' } });
    expect(decideApplication(application('submitted'), APPLICANT, command('reject'))).toMatchObject({ ok: false, error: { code: 'not-permitted' } });
    expect(decideApplication(application('approved'), APPLICANT, command('record-payment'))).toMatchObject({ ok: false, error: { code: 'not-permitted' } });
    expect(decideApplication(application('more-info-requested'), ADMIN, command('supplement'))).toEqual({
      ok: false,
      error: { code: 'not-permitted', detail: 'only the applicant may supplement' },
    });
    expect(decideApplication(application('submitted'), ADMIN, command('withdraw'))).toMatchObject({ ok: false, error: { code: 'not-permitted' } });
  });

  it("another tenant's application is not found, whatever the step", () => {
    for (const type of APPLICATION_COMMANDS.filter((c) => c !== 'submit')) {
      expect(decideApplication(application('submitted'), OTHER, command(type)), type).toEqual({ ok: false, error: { code: 'not-found' } });
    }
    expect(decideApplication(undefined, ADMIN, command('approve'))).toEqual({ ok: false, error: { code: 'not-found' } });
  });

  it('only an enterprise or a training base submits, for itself', () => {
    for (const role of ['admin', 'insurer'] as Role[]) {
      expect(decideApplication(undefined, { tenantId: 'ten_A', role }, command('submit'))).toMatchObject({ ok: false, error: { code: 'not-permitted' } });
    }
    expect(decideApplication(undefined, { tenantId: 'ten_A', role: 'training-base' }, command('submit'))).toMatchObject({ ok: true });
    expect(() => decideApplication(undefined, OTHER, command('submit'))).toThrow(/another tenant/);
  });
});

describe('what each step needs', () => {
  it('an ineligible submission or supplement is refused with every failed rule', () => {
    const refused = { ok: false, error: { code: 'ineligible', failedRules: ['graduate-consent-given'], failed: [eligibility(false).rules[1]] } };
    expect(decideApplication(undefined, APPLICANT, { type: 'submit', eligibility: eligibility(false) })).toEqual(refused);
    expect(decideApplication(application('more-info-requested'), APPLICANT, { type: 'supplement', eligibility: eligibility(false) })).toEqual(refused);
    expect(decideApplication(application('more-info-requested'), APPLICANT, { type: 'supplement', eligibility: eligibility(true, 2_000_000) })).toEqual({
      ok: true,
      to: 'submitted',
      allowedFen: 2_000_000,
    });
  });

  it('approval: a positive amount, at most the allowed, a reason when less, within the budget', () => {
    const approve = (amountFen: number, b: SubsidyBudget | undefined, reason?: string) =>
      decideApplication(application('submitted'), ADMIN, { type: 'approve', amountFen, on: '2026-03-01', budget: b, ...(reason ? { reason } : {}) });
    expect(approve(3_000_000, budget(10_000_000))).toEqual({ ok: true, to: 'approved', budget: budget(10_000_000, 3_000_000) });
    expect(approve(3_000_001, budget(10_000_000))).toEqual({ ok: false, error: { code: 'amount-above-allowed', allowedFen: 3_000_000, amountFen: 3_000_001 } });
    expect(approve(0, budget(10_000_000))).toMatchObject({ ok: false, error: { code: 'invalid-amount' } });
    expect(approve(2_000_000, budget(10_000_000))).toEqual({ ok: false, error: { code: 'text-required', field: 'reason' } });
    expect(approve(2_000_000, budget(10_000_000), '  ')).toEqual({ ok: false, error: { code: 'text-required', field: 'reason' } });
    expect(approve(2_000_000, budget(10_000_000), 'one contract ends in March')).toEqual({ ok: true, to: 'approved', budget: budget(10_000_000, 2_000_000) });
    expect(approve(3_000_000, undefined)).toEqual({ ok: false, error: { code: 'budget-not-set' } });
    expect(approve(3_000_000, budget(10_000_000, 8_000_000))).toEqual({ ok: false, error: { code: 'budget-exceeded', remainingFen: 2_000_000, amountFen: 3_000_000 } });
    expect(() => approve(3_000_000, { ...budget(10_000_000), year: 2024 })).toThrow(/budget/);
  });

  it('a request for information and a rejection say why', () => {
    expect(decideApplication(application('submitted'), ADMIN, { type: 'request-info', message: '' })).toEqual({ ok: false, error: { code: 'text-required', field: 'message' } });
    expect(decideApplication(application('submitted'), ADMIN, { type: 'reject', reason: ' ' })).toEqual({ ok: false, error: { code: 'text-required', field: 'reason' } });
  });

  it('payment: exactly the approved amount, a reference, not before the approval, within the committed', () => {
    const pay = (over: Partial<Extract<ApplicationCommand, { type: 'record-payment' }>>) =>
      decideApplication(application('approved'), ADMIN, { ...(command('record-payment') as Extract<ApplicationCommand, { type: 'record-payment' }>), ...over });
    expect(pay({})).toEqual({ ok: true, to: 'paid', budget: budget(10_000_000, 3_000_000, 3_000_000) });
    expect(pay({ amountFen: 2_999_999 })).toEqual({ ok: false, error: { code: 'payment-differs-from-approval', approvedFen: 3_000_000, amountFen: 2_999_999 } });
    expect(pay({ paymentRef: '' })).toEqual({ ok: false, error: { code: 'text-required', field: 'paymentRef' } });
    expect(pay({ paidOn: '2026-02-28' })).toMatchObject({ ok: false, error: { code: 'invalid-day', field: 'paidOn' } });
    expect(pay({ paidOn: '2026-13-01' })).toMatchObject({ ok: false, error: { code: 'invalid-day', field: 'paidOn' } });
    expect(pay({ budget: budget(10_000_000, 3_000_000, 1_000_000) })).toEqual({ ok: false, error: { code: 'payment-exceeds-committed', unpaidFen: 2_000_000 } });
  });
});

describe('any sequence of attempts (property)', () => {
  const attempt = fc.record({
    type: fc.constantFrom(...APPLICATION_COMMANDS),
    actor: fc.constantFrom(APPLICANT, OTHER, ADMIN),
    amountFen: fc.integer({ min: -1, max: 3_500_000 }),
    eligible: fc.boolean(),
  });

  it('moves only along the table, and the budget commits and pays exactly the approved amount', () => {
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 25 }), fc.integer({ min: 0, max: 6_000_000 }), (attempts, allocated) => {
        let app: SubsidyApplication | undefined;
        let b = budget(allocated);
        const visited: ApplicationState[] = [];
        for (const a of attempts) {
          const cmd: ApplicationCommand =
            a.type === 'submit' || a.type === 'supplement'
              ? { type: a.type, eligibility: { ...eligibility(a.eligible), applicantId: 'ten_A' } }
              : a.type === 'approve'
                ? { type: 'approve', amountFen: a.amountFen, on: '2026-03-01', budget: b, reason: 'checked' }
                : a.type === 'record-payment'
                  ? { type: 'record-payment', amountFen: a.amountFen, paidOn: '2026-03-02', paymentRef: 'TRF-1', budget: b }
                  : command(a.type);
          if (a.type === 'submit' && !app && a.actor !== APPLICANT && a.actor.role !== 'admin') continue; // submitting for another tenant is a programming error
          const before = app?.state;
          const d = decideApplication(app, a.actor, cmd);
          if (!d.ok) continue;
          if (before === undefined) expect(d.to).toBe('submitted');
          else expect(TRANSITIONS[before][a.type]).toBe(d.to);
          expect(COMMAND_ACTORS[a.type] === 'admin' ? a.actor.role === 'admin' : a.actor.tenantId === 'ten_A').toBe(true);
          if (d.budget) b = d.budget;
          app = {
            ...(app ?? application('submitted')),
            state: d.to,
            ...(d.allowedFen !== undefined ? { allowedFen: d.allowedFen } : {}),
            ...(a.type === 'approve' ? { approvedFen: a.amountFen, approvedOn: '2026-03-01' } : {}),
          };
          visited.push(d.to);
        }
        const approved = app?.approvedFen ?? 0;
        expect(b.committedFen).toBe(approved);
        expect(b.paidFen).toBe(app?.state === 'paid' ? approved : 0);
        expect(b.committedFen).toBeLessThanOrEqual(allocated);
        if (visited.includes('paid')) expect(visited.indexOf('approved')).toBeLessThan(visited.indexOf('paid'));
      }),
      { numRuns: 400 },
    );
  });
});

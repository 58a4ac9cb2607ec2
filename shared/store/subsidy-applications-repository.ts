/**
 * Subsidy applications (docs/subsidies.md "Applications"; access patterns in
 * ACCESS-PATTERNS.md, "Subsidies"). An application is a traced record written only through
 * the one write path (store/traced-write.ts); this file lays out its items and the side
 * items of its steps — the pointer, the live item, the evidence snapshot, the payment keys,
 * the public award line — and reads them.
 */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SubsidyApplication } from '../domain/subsidy/application';
import type { DocumentRef } from '../domain/subsidy/facts';
import type { EvidenceSnapshot } from '../domain/subsidy/evidence';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import { queryIndexPage } from './index-page';
import { queryPartition, queryWholePartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';
import { transactRetryingConflicts } from './transact-retry';
import type { TransactItem } from './transact-items';

const stripApplication = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);
const stripPlain = fieldStripper(['pk', 'sk']);

/** The application as stored: the domain's record and what the steps wrote (free text stays here, never in a hash or event). */
export interface StoredApplication extends SubsidyApplication {
  submittedAt: string;
  recognitionId?: string;
  /** The graduates the application names (graduate-employment): the applicant's own workers, never in a list. */
  workerIds?: string[];
  documents: DocumentRef[];
  /** Fingerprint of the submitting request: a retry with the same key must match. */
  requestHash: string;
  /** The seq of the trace entry whose evidence snapshot is current. */
  evidenceSeq: number;
  infoRequest?: string;
  decisionReason?: string;
}

/** A line of the public awards list: tenant, name, scheme, amount, state — no persons. */
export interface AwardLine {
  applicationId: string;
  year: number;
  schemeId: string;
  tenantId: string;
  name: string;
  role: string;
  amountFen: number;
  state: 'approved' | 'paid';
  approvedOn: string;
  paidOn?: string;
}

const put = (tableName: string, Item: Record<string, unknown>, condition?: string, values?: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName, Item, ...(condition ? { ConditionExpression: condition } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) },
});

export function subsidyApplicationsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  /** Deletes a payment key only while this application holds it. */
  const paymentKeyRelease = (key: string, applicationId: string) => ({
    Delete: { TableName: tableName, Key: keys.subsidyPaymentKey(key), ConditionExpression: 'applicationId = :id', ExpressionAttributeValues: { ':id': applicationId } },
  });
  /** The applicant of an application, by its pointer. */
  const applicantOf = async (applicationId: string): Promise<string | undefined> => {
    const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.subsidyApplicationPointer(applicationId), ConsistentRead: true }));
    return out.Item ? String(out.Item.tenantId) : undefined;
  };
  return {
    /** The application's items for the traced write: listed by applicant (gsi1) and by scheme and state (gsi2). */
    record(application: StoredApplication) {
      const timeSk = keys.subsidyApplicationTimeSk(application.submittedAt, application.applicationId);
      return {
        items: [
          {
            ...keys.subsidyApplication(application.applicantId, application.applicationId),
            ...application,
            gsi1pk: keys.subsidyApplicationsOfTenant(application.applicantId),
            gsi1sk: timeSk,
            gsi2pk: keys.subsidyApplicationsInState(application.schemeId, application.state),
            gsi2sk: timeSk,
          },
        ],
        tracePartition: keys.subsidyApplicationPartition(application.applicantId, application.applicationId),
      };
    },

    async get(tenantId: string, applicationId: string): Promise<StoredApplication | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.subsidyApplication(tenantId, applicationId), ConsistentRead: true }));
      return out.Item ? stripApplication<StoredApplication>(out.Item) : undefined;
    },

    /** The applicant of an application, for an admin who knows only its id. */
    applicantOf,

    pointerPut: (tenantId: string, applicationId: string): TransactItem =>
      put(tableName, { ...keys.subsidyApplicationPointer(applicationId), tenantId, applicationId }, 'attribute_not_exists(pk)'),

    /** One live application per applicant, scheme, year (and recognition): its create is the guard. */
    livePut: (a: Pick<StoredApplication, 'applicantId' | 'schemeId' | 'year' | 'recognitionId' | 'applicationId'>): TransactItem =>
      put(tableName, { ...keys.subsidyLive(a.applicantId, a.schemeId, a.year, a.recognitionId), applicationId: a.applicationId }, 'attribute_not_exists(pk)'),

    /** A rejected or withdrawn application frees its place (only its own live item). */
    liveDelete: (a: Pick<StoredApplication, 'applicantId' | 'schemeId' | 'year' | 'recognitionId' | 'applicationId'>): TransactItem => ({
      Delete: {
        TableName: tableName,
        Key: keys.subsidyLive(a.applicantId, a.schemeId, a.year, a.recognitionId),
        ConditionExpression: 'applicationId = :id',
        ExpressionAttributeValues: { ':id': a.applicationId },
      },
    }),

    async liveApplicationId(a: Pick<StoredApplication, 'applicantId' | 'schemeId' | 'year' | 'recognitionId'>): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.subsidyLive(a.applicantId, a.schemeId, a.year, a.recognitionId), ConsistentRead: true }));
      return out.Item ? String(out.Item.applicationId) : undefined;
    },

    /** The evidence snapshot of one evaluation, beside the trace entry that attests its hash. */
    evidencePut: (tenantId: string, applicationId: string, seq: number, snapshot: EvidenceSnapshot): TransactItem =>
      put(tableName, { pk: keys.subsidyApplicationPartition(tenantId, applicationId), sk: keys.subsidyEvidenceSk(seq), seq, snapshot }, 'attribute_not_exists(pk)'),

    async evidence(tenantId: string, applicationId: string, seq: number): Promise<EvidenceSnapshot | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: keys.subsidyApplicationPartition(tenantId, applicationId), sk: keys.subsidyEvidenceSk(seq) }, ConsistentRead: true }),
      );
      return out.Item ? (out.Item.snapshot as EvidenceSnapshot) : undefined;
    },

    /** Every evidence snapshot of the application (submit, each supplement), oldest first. */
    async evidenceSnapshots(tenantId: string, applicationId: string): Promise<EvidenceSnapshot[]> {
      const items = await queryPartition(store, keys.subsidyApplicationPartition(tenantId, applicationId), 'EVIDENCE#');
      return items.map((i) => i.snapshot as EvidenceSnapshot);
    },

    trace: (tenantId: string, applicationId: string): Promise<TraceEntry[]> => readTrace(store, keys.subsidyApplicationPartition(tenantId, applicationId)),

    /** A payment key claimed by an approval: it may not exist yet — whoever claimed it first was paid. */
    paymentKeyPut: (key: string, owner: { applicationId: string; tenantId: string; at: string }): TransactItem =>
      put(tableName, { ...keys.subsidyPaymentKey(key), key, ...owner }, 'attribute_not_exists(pk)'),

    /**
     * A payment key claimed ahead of an approval's transaction (more person keys than one
     * transaction holds): free, or already this application's — a retried approval claims
     * its own keys again.
     */
    paymentKeyClaim: (key: string, owner: { applicationId: string; tenantId: string; at: string }): TransactItem =>
      put(tableName, { ...keys.subsidyPaymentKey(key), key, ...owner }, 'attribute_not_exists(pk) OR applicationId = :id', { ':id': owner.applicationId }),

    /**
     * Claims keys ahead, `chunk` per transaction (each chunk all or nothing), each tried again
     * after a transaction conflict (another approval or release writing the same keys at the
     * same moment). `taken`: a key is another application's; `busy`: the conflicts outlasted
     * the retries — safe to retry later. Chunks before the one that stopped stay claimed.
     */
    async claimPaymentKeys(claims: TransactItem[], chunk: number): Promise<'claimed' | 'taken' | 'busy'> {
      for (let i = 0; i < claims.length; i += chunk) {
        const outcome = await transactRetryingConflicts(store, claims.slice(i, i + chunk), (cancel) => (cancel.firstConditionFailed >= 0 ? ('taken' as const) : undefined));
        if ('busy' in outcome) return 'busy';
        if ('answered' in outcome) return outcome.answered;
      }
      return 'claimed';
    },

    /** Gives back a key claimed ahead whose approval did not commit: only while this application holds it. */
    async releasePaymentKey(key: string, applicationId: string): Promise<void> {
      try {
        await doc.send(new DeleteCommand(paymentKeyRelease(key, applicationId).Delete));
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },

    /** The same release inside a step's transaction (a rejection, a withdrawal): the key is held by this application when planned. */
    paymentKeyRelease: (key: string, applicationId: string): TransactItem => paymentKeyRelease(key, applicationId),

    async paymentKeyHolder(key: string): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.subsidyPaymentKey(key), ConsistentRead: true }));
      return out.Item ? String(out.Item.applicationId) : undefined;
    },

    awardPut: (line: AwardLine): TransactItem => put(tableName, { ...keys.subsidyAward(line.year, line.applicationId), ...line }),

    async awards(year: number): Promise<AwardLine[]> {
      return (await queryWholePartition(store, keys.subsidyAwardsPartition(year))).map((i) => stripPlain<AwardLine>(i));
    },

    /** A page of an applicant's applications, newest first (gsi1, keys only, then the items), after `afterSk`. */
    async ofTenant(tenantId: string, page: { limit: number; afterSk?: string }): Promise<{ items: StoredApplication[]; nextSk?: string }> {
      const out = await queryIndexPage(store, {
        index: INDEX.byTime,
        pk: keys.subsidyApplicationsOfTenant(tenantId),
        limit: page.limit,
        afterSk: page.afterSk,
        tableKeysOf: (id) => keys.subsidyApplication(tenantId, id),
      });
      return { items: out.items.map((i) => stripApplication<StoredApplication>(i)), nextSk: out.nextSk };
    },

    /**
     * A page of one scheme's applications in one state, newest first (gsi2): the officers'
     * queue. The queue spans applicants, so the start item's table keys name its applicant:
     * read from the application's pointer (the cursor carries the sort key only).
     */
    async inState(schemeId: string, state: string, page: { limit: number; afterSk?: string }): Promise<{ items: StoredApplication[]; nextSk?: string }> {
      const afterId = page.afterSk?.split('#').at(-1);
      const applicant = afterId === undefined ? undefined : await applicantOf(afterId);
      if (afterId !== undefined && applicant === undefined) throw new Error(`no pointer for application ${afterId}`);
      const out = await queryIndexPage(store, {
        index: INDEX.byStatus,
        pk: keys.subsidyApplicationsInState(schemeId, state),
        limit: page.limit,
        afterSk: page.afterSk,
        tableKeysOf: (id) => keys.subsidyApplication(applicant!, id),
      });
      return { items: out.items.map((i) => stripApplication<StoredApplication>(i)), nextSk: out.nextSk };
    },
  };
}


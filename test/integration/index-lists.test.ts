/**
 * The lists over KEYS_ONLY indexes (shared/store/index-page.ts, batch-get.ts) against
 * DynamoDB Local with the table the CDK app synthesizes: the indexes hold keys only, and
 * each list still answers whole items, in the index's order, page by page, past one
 * BatchGetItem's 100 keys; an item deleted or moved out of the list between the index read
 * and the item read is skipped while the cursor goes on. The other lists (orders,
 * complaints, claims, policies, workers) are read through their routes in their own tests.
 */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoreContext } from '../../shared/store/client';
import { certificatesRepository, REVIEW_SHARDS, type StoredCertificate } from '../../shared/store/certificates-repository';
import { employmentRepository, type EmploymentLink } from '../../shared/store/employment-repository';
import { INDEX, keys } from '../../shared/store/keys';
import { tenantsRepository, type ApiKeyRecord, type Tenant } from '../../shared/store/tenants-repository';
import { CERT_NOW, certifyWorker, day } from '../support/certificates';
import { createTestStore } from '../support/test-store';

let store: Awaited<ReturnType<typeof createTestStore>>;

beforeAll(async () => {
  store = await createTestStore();
});

/** The same store, but `beforeFirstBatchGet` runs between a list's Query and its BatchGetItem. */
function storeWithGap(beforeFirstBatchGet: () => Promise<void>): StoreContext {
  let pending = true;
  const real = store.doc;
  const doc = {
    send: async (command: unknown) => {
      if (pending && command instanceof BatchGetCommand) {
        pending = false;
        await beforeFirstBatchGet();
      }
      return real.send(command as never);
    },
  };
  return { doc: doc as unknown as DynamoDBDocumentClient, tableName: store.tableName };
}

describe('the table', () => {
  it('projects keys only into every GSI, so a gsi1 Query answers keys and no item field', async () => {
    const { Table } = await store.client.send(new DescribeTableCommand({ TableName: store.tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType]).sort()).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`gsi${n}`, 'KEYS_ONLY']),
    );

    const tenants = tenantsRepository(store);
    await tenants.createTenant({ tenantId: 'ten_keysonly', name: '只投影键', role: 'enterprise', createdAt: '2000-01-01T00:00:00.000Z' });
    const out = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: INDEX.byTime.indexName,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.tenantList() },
      }),
    );
    expect(out.Items?.[0]).toEqual({ pk: 'TENANT#ten_keysonly', sk: 'TENANT', gsi1pk: 'TENANTS', gsi1sk: '2000-01-01T00:00:00.000Z#ten_keysonly' });
  });
});

describe('tenants and keys (all pages, oldest first)', () => {
  it('lists every tenant whole, past one BatchGetItem (100 keys), oldest first', async () => {
    const repo = tenantsRepository(store);
    const created: Tenant[] = Array.from({ length: 130 }, (_, i) => ({
      tenantId: `ten_list${String(i).padStart(3, '0')}`,
      name: `家政企业 ${i}`,
      role: i % 10 === 0 ? 'insurer' : 'enterprise',
      createdAt: new Date(Date.UTC(2001, 0, 1, 0, 0, i)).toISOString(),
    }));
    // Written in reverse so the answer's order is the index's, not the writes'.
    await Promise.all([...created].reverse().map((t) => repo.createTenant(t)));
    const listed = (await repo.listTenants()).filter((t) => t.tenantId.startsWith('ten_list'));
    expect(listed).toEqual(created);
  });

  it("lists a tenant's keys whole, revoked ones with their state, and no other tenant's", async () => {
    const repo = tenantsRepository(store);
    const record = (tenantId: string, i: number): ApiKeyRecord => ({
      keyId: `key_${tenantId}_${i}`,
      tenantId,
      role: 'enterprise',
      secretHash: `hash-${i}`,
      status: 'active',
      createdAt: new Date(Date.UTC(2002, 0, 1, 0, 0, i)).toISOString(),
      ...(i === 1 ? { label: 'ops' } : {}),
    });
    const mine = [0, 1, 2].map((i) => record('ten_keys_a', i));
    for (const r of [...mine, record('ten_keys_b', 0)]) await repo.putKey(r);
    expect(await repo.revokeKey(mine[1]!.keyId, '2002-02-01T00:00:00.000Z')).toBe(true);
    expect(await repo.listKeys('ten_keys_a')).toEqual([mine[0], { ...mine[1], status: 'revoked', revokedAt: '2002-02-01T00:00:00.000Z' }, mine[2]]);
  });
});

describe("an enterprise's workers (newest first, a page at a time)", () => {
  const tenantId = 'ten_workers';
  const links: EmploymentLink[] = Array.from({ length: 7 }, (_, i) => ({
    tenantId,
    workerId: `wkr_${i}`,
    status: 'current',
    since: `2025-0${i + 1}-01`,
    serviceCategories: ['nanny'],
    nameMasked: '王**',
  }));
  const newestFirst = [...links].reverse();

  beforeAll(async () => {
    for (const link of links) await employmentRepository(store).link(link);
  });

  it('pages whole links in index order, and each equals what a GetItem reads', async () => {
    const repo = employmentRepository(store);
    const seen: EmploymentLink[] = [];
    let afterSk: string | undefined;
    let pages = 0;
    do {
      const page = await repo.list(tenantId, { status: 'current', limit: 3, afterSk });
      seen.push(...page.items);
      afterSk = page.nextSk;
      pages += 1;
    } while (afterSk);
    expect(seen).toEqual(newestFirst);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const link of seen) expect(await repo.get(tenantId, link.workerId)).toEqual(link);
  });

  it('skips a link that ended or vanished between the index read and the item read, and the cursor goes on', async () => {
    const [first, second, third, fourth] = newestFirst;
    const gap = storeWithGap(async () => {
      await employmentRepository(store).link({ ...second!, status: 'ended', until: '2026-01-01' });
      await store.doc.send(new DeleteCommand({ TableName: store.tableName, Key: keys.employment(tenantId, third!.workerId) }));
    });
    const page = await employmentRepository(gap).list(tenantId, { status: 'current', limit: 3 });
    expect(page.items).toEqual([first]);
    expect(page.nextSk).toBe(`${third!.since}#${third!.workerId}`);

    const next = await employmentRepository(store).list(tenantId, { status: 'current', limit: 1, afterSk: page.nextSk });
    expect(next.items).toEqual([fourth]);
    // The ended link is now in the other list, whole.
    expect((await employmentRepository(store).list(tenantId, { status: 'ended', limit: 10 })).items).toEqual([{ ...second, status: 'ended', until: '2026-01-01' }]);
  });
});

describe("the daily job's review index", () => {
  it('answers the numbers of the certificates due on a date, from keys alone, across the shards', async () => {
    const certs: StoredCertificate[] = [];
    for (const [i, lapse] of [10, 20, 30, 40].entries()) {
      const issued = await certifyWorker(store, `wkr_review_${i}`, 'ten_review', { healthCheck: { examDate: day(CERT_NOW, -30), passed: true, validUntil: day(CERT_NOW, lapse) } }, CERT_NOW);
      certs.push((await certificatesRepository(store).get(issued.certNo, true))!);
    }
    const reviewDates = certs.map((c) => c.reviewOn!).sort();
    expect(new Set(reviewDates).size).toBe(4);

    const due = async (date: string) => {
      const numbers: string[] = [];
      for (let shard = 0; shard < REVIEW_SHARDS; shard++) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await certificatesRepository(store).dueForReview(shard, date, start);
          numbers.push(...page.certNos);
          start = page.next;
        } while (start);
      }
      return numbers.sort();
    };
    const dueOn = (date: string) => certs.filter((c) => c.reviewOn! <= date).map((c) => c.certNo).sort();
    expect(await due(reviewDates[1]!)).toEqual(dueOn(reviewDates[1]!));
    expect(dueOn(reviewDates[1]!)).toHaveLength(2);
    expect(await due(reviewDates[3]!)).toEqual(certs.map((c) => c.certNo).sort());
    expect(await due(day(CERT_NOW, 0))).toEqual([]);
  });
});

/**
 * The DynamoDB metering proxy: parses DynamoDB's JSON protocol (X-Amz-Target
 * `DynamoDB_20120810.<Operation>`), passes every call through to DynamoDB Local unchanged,
 * and computes the capacity AWS would charge for it (dynamodb-capacity.ts).
 *
 * Writes need the item as stored before and after, which the request alone does not say
 * (an UpdateItem names only what changes), so the proxy reads the item itself, strongly
 * consistent, right before and right after forwarding the write. Reads that narrow what
 * comes back (ProjectionExpression, FilterExpression, Select) are re-issued without the
 * narrowing, because AWS charges for the whole items it read. These side calls go straight
 * to DynamoDB Local and are never counted. They make metered calls slower, which is why the
 * bench measures throughput and latency on an unmetered platform.
 */
import { gunzipSync } from 'node:zlib';
import { chargeItemReads, chargePageRead, chargeWrite, keyOf, type ReadMode, type TableShape, type WriteCharge } from './dynamodb-capacity';
import type { ExchangeHandler, ProxiedRequest, ProxiedResponse, Upstream } from './http-proxy';
import type { WireItem } from './item-size';
import { add, type DynamoDbUsage } from './usage';

const PREFIX = 'DynamoDB_20120810.';
// Headers a side call keeps from the request it accompanies (DynamoDB Local parses but does not verify the signature).
const KEPT_HEADERS = ['authorization', 'x-amz-date', 'x-amz-security-token', 'user-agent'];

/** A parsed request or response of the wire protocol. */
type Body = Record<string, any>;

export function dynamoDbMeter(usage: () => DynamoDbUsage): ExchangeHandler {
  const shapes = new Map<string, Promise<TableShape>>();

  return async (req, forward, upstream) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (!target.startsWith(PREFIX)) return forward();
    const op = target.slice(PREFIX.length);
    const body = JSON.parse(req.body.toString('utf8') || '{}') as Body;
    const side = sideCaller(req, upstream);
    const shape = (name: string) => {
      let found = shapes.get(name);
      if (!found) {
        found = side('DescribeTable', { TableName: name }).then((d) => tableShape(d.Table));
        shapes.set(name, found);
        found.catch(() => shapes.delete(name));
      }
      return found;
    };

    const meter = METERS[op];
    if (!meter) {
      add(usage().calls, op, 1);
      return forward();
    }
    let response: ProxiedResponse | undefined;
    const forwardOnce = async () => (response ??= await forward());
    try {
      const charge = await meter({ body, forward: forwardOnce, side, shape });
      const u = usage();
      add(u.calls, op, 1);
      if (charge.rru) add(u.rru, op, charge.rru);
      for (const w of charge.writes ?? []) {
        add(u.tableWru, op, w.table);
        for (const [index, units] of Object.entries(w.indexes)) add(u.indexWru, index, units);
        u.wruUnderOneKb += w.underOneKb;
      }
    } catch {
      // Never let metering break the call it watches: count it as unmetered and pass the answer on.
      usage().unmetered++;
      add(usage().calls, op, 1);
    }
    return forwardOnce();
  };
}

interface MeterArgs {
  body: Body;
  forward: () => Promise<ProxiedResponse>;
  side: (op: string, payload: Body) => Promise<Body>;
  shape: (table: string) => Promise<TableShape>;
}

interface Charge {
  rru?: number;
  writes?: WriteCharge[];
}

type OperationMeter = (args: MeterArgs) => Promise<Charge>;

const ok = (res: ProxiedResponse) => res.status === 200;
const readMode = (body: Body): ReadMode => (body.IndexName === undefined && body.ConsistentRead === true ? 'strong' : 'eventual');
const narrows = (body: Body) => ['ProjectionExpression', 'AttributesToGet', 'FilterExpression', 'QueryFilter', 'ScanFilter', 'Select'].some((k) => body[k] !== undefined);

const getStored = (side: MeterArgs['side'], table: string, key: WireItem) =>
  side('GetItem', { TableName: table, Key: key, ConsistentRead: true }).then((r) => r.Item as WireItem | undefined);

const METERS: Record<string, OperationMeter> = {
  async GetItem({ body, forward, side }) {
    const res = await forward();
    if (!ok(res)) return {};
    let item = parse(res).Item as WireItem | undefined;
    if (narrows(body)) item = await getStored(side, body.TableName, body.Key);
    return { rru: chargeItemReads([item], readMode(body)) };
  },

  async BatchGetItem({ body, forward, side }) {
    const res = await forward();
    if (!ok(res)) return {};
    const out = parse(res);
    let rru = 0;
    for (const [table, request] of Object.entries(body.RequestItems as Record<string, Body>)) {
      const unprocessed = new Set(((out.UnprocessedKeys?.[table]?.Keys ?? []) as WireItem[]).map(canonicalKey));
      const keys = (request.Keys as WireItem[]).filter((k) => !unprocessed.has(canonicalKey(k)));
      // Each key is a GetItem for billing; a key that found nothing still costs the minimum.
      const items = await Promise.all(keys.map((k) => (narrows(request) ? getStored(side, table, k) : findByKey(out.Responses?.[table] ?? [], k))));
      rru += chargeItemReads(items, request.ConsistentRead === true ? 'strong' : 'eventual');
    }
    return { rru };
  },

  async Query(args) {
    return pageRead(args, 'Query');
  },

  async Scan(args) {
    return pageRead(args, 'Scan');
  },

  async TransactGetItems({ body, forward }) {
    const res = await forward();
    if (!ok(res)) return {};
    const items = ((parse(res).Responses ?? []) as Body[]).map((r) => r.Item as WireItem | undefined);
    return { rru: chargeItemReads(items.length ? items : (body.TransactItems as unknown[]).map(() => undefined), 'transactional') };
  },

  async PutItem({ body, forward, side, shape }) {
    const table = await shape(body.TableName);
    const before = await getStored(side, table.name, keyOf(table, body.Item));
    const succeeded = ok(await forward());
    return { writes: [chargeWrite(table, before, body.Item, { transactional: false, succeeded })] };
  },

  async UpdateItem({ body, forward, side, shape }) {
    const table = await shape(body.TableName);
    const before = await getStored(side, table.name, body.Key);
    const succeeded = ok(await forward());
    const after = succeeded ? await getStored(side, table.name, body.Key) : before;
    return { writes: [chargeWrite(table, before, after, { transactional: false, succeeded })] };
  },

  async DeleteItem({ body, forward, side, shape }) {
    const table = await shape(body.TableName);
    const before = await getStored(side, table.name, body.Key);
    const succeeded = ok(await forward());
    return { writes: [chargeWrite(table, before, succeeded ? undefined : before, { transactional: false, succeeded })] };
  },

  async BatchWriteItem({ body, forward, side, shape }) {
    const requests: { table: TableShape; key: WireItem; put?: WireItem }[] = [];
    for (const [name, list] of Object.entries(body.RequestItems as Record<string, Body[]>)) {
      const table = await shape(name);
      for (const r of list) {
        if (r.PutRequest) requests.push({ table, key: keyOf(table, r.PutRequest.Item), put: r.PutRequest.Item });
        else requests.push({ table, key: r.DeleteRequest.Key });
      }
    }
    const befores = await Promise.all(requests.map((r) => getStored(side, r.table.name, r.key)));
    const res = await forward();
    if (!ok(res)) return {};
    const unprocessed = new Set<string>();
    for (const [name, list] of Object.entries((parse(res).UnprocessedItems ?? {}) as Record<string, Body[]>)) {
      const table = await shape(name);
      for (const r of list) unprocessed.add(`${name}|${canonicalKey(r.PutRequest ? keyOf(table, r.PutRequest.Item) : r.DeleteRequest.Key)}`);
    }
    const writes = requests
      .map((r, i) => ({ r, before: befores[i] }))
      .filter(({ r }) => !unprocessed.has(`${r.table.name}|${canonicalKey(r.key)}`))
      .map(({ r, before }) => chargeWrite(r.table, before, r.put, { transactional: false, succeeded: true }));
    return { writes };
  },

  async TransactWriteItems({ body, forward, side, shape }) {
    const parts = await Promise.all(
      (body.TransactItems as Body[]).map(async (t) => {
        const [kind, spec] = Object.entries(t)[0] as [string, Body];
        const table = await shape(spec.TableName);
        const key = kind === 'Put' ? keyOf(table, spec.Item) : (spec.Key as WireItem);
        return { kind, spec, table, key, before: await getStored(side, table.name, key) };
      }),
    );
    const succeeded = ok(await forward());
    const writes = await Promise.all(
      parts.map(async (p) => {
        const opts = { transactional: true, succeeded: succeeded && p.kind !== 'ConditionCheck' };
        if (p.kind === 'ConditionCheck') return chargeWrite(p.table, p.before, p.before, opts);
        if (!succeeded) return chargeWrite(p.table, p.before, p.kind === 'Put' ? p.spec.Item : p.before, opts);
        if (p.kind === 'Put') return chargeWrite(p.table, p.before, p.spec.Item, opts);
        if (p.kind === 'Delete') return chargeWrite(p.table, p.before, undefined, opts);
        return chargeWrite(p.table, p.before, await getStored(side, p.table.name, p.key), opts);
      }),
    );
    return { writes };
  },
};

/** Query/Scan: the items read before any filter or projection, summed and rounded once per page. */
async function pageRead({ body, forward, side }: MeterArgs, op: 'Query' | 'Scan'): Promise<Charge> {
  const res = await forward();
  if (!ok(res)) return {};
  const items = (narrows(body) ? (await side(op, unnarrowed(body))).Items : parse(res).Items) as WireItem[];
  return { rru: chargePageRead(items ?? [], readMode(body)) };
}

/** The same read without projection, filter or Select, and without the placeholders only they used. */
function unnarrowed(body: Body): Body {
  const { ProjectionExpression: _p, AttributesToGet: _a, FilterExpression: _f, QueryFilter: _q, ScanFilter: _s, Select: _sel, ...rest } = body;
  const used = [rest.KeyConditionExpression, rest.ConditionExpression].filter(Boolean).join(' ');
  // Whole tokens only: "#s" must not count as used because "#sk" is.
  const isUsed = (placeholder: string) => new RegExp(`${placeholder.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`).test(used);
  const keep = (record: Record<string, unknown> | undefined) => {
    if (!record) return undefined;
    const kept = Object.fromEntries(Object.entries(record).filter(([placeholder]) => isUsed(placeholder)));
    return Object.keys(kept).length ? kept : undefined;
  };
  return { ...rest, ExpressionAttributeNames: keep(rest.ExpressionAttributeNames), ExpressionAttributeValues: keep(rest.ExpressionAttributeValues) };
}

function sideCaller(req: ProxiedRequest, upstream: Upstream) {
  const headers: Record<string, string | string[]> = { 'content-type': 'application/x-amz-json-1.0' };
  for (const name of KEPT_HEADERS) if (req.headers[name] !== undefined) headers[name] = req.headers[name]!;
  return async (op: string, payload: Body): Promise<Body> => {
    const res = await upstream({ method: 'POST', path: '/', headers: { ...headers, 'x-amz-target': `${PREFIX}${op}` }, body: Buffer.from(JSON.stringify(payload)) });
    const out = parse(res);
    if (!ok(res)) throw new Error(`side ${op} failed: ${String(out.__type ?? res.status)}`);
    return out;
  };
}

function parse(res: ProxiedResponse): Body {
  const raw = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body;
  return raw.length ? (JSON.parse(raw.toString('utf8')) as Body) : {};
}

function tableShape(table: Body): TableShape {
  const keyOfSchema = (schema: Body[]) => ({
    hashKey: schema.find((k) => k.KeyType === 'HASH')!.AttributeName as string,
    rangeKey: schema.find((k) => k.KeyType === 'RANGE')?.AttributeName as string | undefined,
  });
  return {
    name: table.TableName,
    ...keyOfSchema(table.KeySchema),
    indexes: ((table.GlobalSecondaryIndexes ?? []) as Body[]).map((g) => ({
      name: g.IndexName,
      ...keyOfSchema(g.KeySchema),
      projection: g.Projection?.ProjectionType ?? 'ALL',
      nonKeyAttributes: g.Projection?.NonKeyAttributes,
    })),
  };
}

const canonicalKey = (key: WireItem) =>
  JSON.stringify(
    Object.keys(key)
      .sort()
      .map((k) => [k, key[k]]),
  );

function findByKey(items: WireItem[], key: WireItem): WireItem | undefined {
  return items.find((item) => Object.entries(key).every(([name, value]) => JSON.stringify(item[name]) === JSON.stringify(value)));
}

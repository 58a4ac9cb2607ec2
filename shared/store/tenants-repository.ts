/** Tenants and their API keys (access patterns 1–4). Used by the authorizer and the admin CLI. */
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../auth/roles';
import type { StoreContext } from './client';
import { queryIndexAll } from './index-page';
import { INDEX, keys } from './keys';
import type { TransactItem } from './transact-items';

export interface Tenant {
  tenantId: string;
  name: string;
  role: Role;
  createdAt: string;
  /**
   * `YYYY-MM-DD`: the day the tenant joined the programme, which may precede Anxin (an
   * enterprise graded for years before it was onboarded). Credit grades count tenure from
   * it; absent, from the Asia/Shanghai day of `createdAt`.
   */
  joinedOn?: string;
}

export interface ApiKeyRecord {
  keyId: string;
  tenantId: string;
  role: Role;
  /** SHA-256 of the secret; the secret itself is never stored. */
  secretHash: string;
  label?: string;
  status: 'active' | 'revoked';
  createdAt: string;
  revokedAt?: string;
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _a, sk: _b, gsi1pk: _c, gsi1sk: _d, ...rest } = item;
  return rest as T;
};

export function tenantsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** Creates the tenant (a new id only), with `counted` — the programme's count of it — in the same transaction. */
    async createTenant(tenant: Tenant, counted: readonly TransactItem[] = []): Promise<void> {
      const put = {
        TableName: tableName,
        Item: {
          ...keys.tenant(tenant.tenantId),
          ...tenant,
          gsi1pk: keys.tenantList(),
          gsi1sk: `${tenant.createdAt}#${tenant.tenantId}`,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      };
      if (counted.length === 0) await doc.send(new PutCommand(put));
      else await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...counted] }));
    },

    async getTenant(tenantId: string): Promise<Tenant | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.tenant(tenantId) }));
      return out.Item ? strip<Tenant>(out.Item) : undefined;
    },

    /** Every tenant, oldest first. */
    async listTenants(): Promise<Tenant[]> {
      const items = await queryIndexAll(store, { index: INDEX.byTime, pk: keys.tenantList() });
      return items.map((item) => strip<Tenant>(item));
    },

    async putKey(record: ApiKeyRecord): Promise<void> {
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.apiKey(record.keyId),
            ...record,
            gsi1pk: keys.tenantKeys(record.tenantId),
            gsi1sk: `${record.createdAt}#${record.keyId}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async getKey(keyId: string): Promise<ApiKeyRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.apiKey(keyId) }));
      return out.Item ? strip<ApiKeyRecord>(out.Item) : undefined;
    },

    /** Every key of a tenant (revoked ones too), oldest first. */
    async listKeys(tenantId: string): Promise<ApiKeyRecord[]> {
      const items = await queryIndexAll(store, { index: INDEX.byTime, pk: keys.tenantKeys(tenantId) });
      return items.map((item) => strip<ApiKeyRecord>(item));
    },

    /** Returns false when there is no such key. */
    async revokeKey(keyId: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.apiKey(keyId),
            UpdateExpression: 'SET #s = :revoked, revokedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':revoked': 'revoked', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}

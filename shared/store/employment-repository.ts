/**
 * Employment links between workers and enterprises: what the assignment rule checks
 * ("only workers linked to the same enterprise"). The worker registry (issue 5) writes
 * these; until then tests and seeds use `link`.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';

export interface EmploymentLink {
  tenantId: string;
  workerId: string;
  status: 'current' | 'ended';
  since: string;
  until?: string;
}

export function employmentRepository({ doc, tableName }: StoreContext) {
  return {
    async isCurrent(tenantId: string, workerId: string): Promise<boolean> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: keys.employment(tenantId, workerId), ConsistentRead: true }),
      );
      return out.Item?.status === 'current';
    },

    async link(link: EmploymentLink): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.employment(link.tenantId, link.workerId), ...link } }));
    },
  };
}

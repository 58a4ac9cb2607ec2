/** Writes items with BatchWriteItem (25 a call), retrying what DynamoDB returns unprocessed. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from '../../shared/store/client';

export async function batchPut(store: StoreContext, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, any> | undefined = { [store.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) };
    for (let attempt = 0; request && Object.keys(request).length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const out: { UnprocessedItems?: Record<string, any> } = await store.doc.send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems;
    }
  }
}

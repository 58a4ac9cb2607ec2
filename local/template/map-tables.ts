/** AWS::DynamoDB::Table and AWS::DynamoDB::GlobalTable → LocalTable (CreateTable input for DynamoDB Local). */
import type { LocalTable } from '../topology';
import { TemplateError } from './errors';
import { eachResource, isRecord, type MapContext, type ResourceVisit } from './map-context';

export function mapTables(ctx: MapContext): LocalTable[] {
  return [
    ...eachResource(ctx, 'AWS::DynamoDB::Table', (r) => toTable(r)),
    ...eachResource(ctx, 'AWS::DynamoDB::GlobalTable', (r) => toTable(r)),
  ];
}

function toTable(r: ResourceVisit): LocalTable {
  const keySchema = r.prop('KeySchema') as LocalTable['keySchema'] | undefined;
  if (!Array.isArray(keySchema) || keySchema.length === 0) throw new TemplateError(r.where, 'KeySchema is required');
  const gsis = (r.prop('GlobalSecondaryIndexes') ?? []) as Record<string, unknown>[];
  const lsis = (r.prop('LocalSecondaryIndexes') ?? []) as Record<string, unknown>[];
  const ttl = r.prop('TimeToLiveSpecification');
  const table: LocalTable = {
    logicalId: r.logicalId,
    tableName: r.stack.physicalName(r.logicalId),
    keySchema,
    attributeDefinitions: (r.prop('AttributeDefinitions') ?? []) as LocalTable['attributeDefinitions'],
    // Only the fields DynamoDB Local needs; capacity and contributor insights have no local meaning.
    globalSecondaryIndexes: gsis.map((g) => ({
      IndexName: String(g.IndexName),
      KeySchema: g.KeySchema as LocalTable['keySchema'],
      Projection: (g.Projection ?? { ProjectionType: 'ALL' }) as LocalTable['globalSecondaryIndexes'][number]['Projection'],
    })),
  };
  if (lsis.length > 0) {
    table.localSecondaryIndexes = lsis.map((l) => ({
      IndexName: String(l.IndexName),
      KeySchema: l.KeySchema as LocalTable['keySchema'],
      Projection: (l.Projection ?? { ProjectionType: 'ALL' }) as LocalTable['globalSecondaryIndexes'][number]['Projection'],
    }));
  }
  if (isRecord(ttl) && (ttl.Enabled === true || ttl.Enabled === 'true') && typeof ttl.AttributeName === 'string') {
    table.ttlAttribute = ttl.AttributeName;
  }
  return table;
}

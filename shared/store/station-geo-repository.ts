/**
 * The geo index of active stations (access patterns in ACCESS-PATTERNS.md, "Stations";
 * docs/stations.md "Geo index"): one item per ACTIVE station in its geohash cell's
 * partition (domain/station/geo-cells.ts), carrying what the public "nearby" answer shows,
 * so that answer needs the 9 cells' Queries and nothing else of the stations. Its items are
 * side items of the station's own transaction: a station and its entry never disagree.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cellOf } from '../domain/station/geo-cells';
import type { Station, StationDetails } from '../domain/station/station';
import type { StoreContext } from './client';
import { keys } from './keys';
import { fieldStripper } from './strip-fields';
import type { TransactItem } from './transact-items';

const stripCell = fieldStripper(['pk', 'sk', 'cell']);

/** A station as its geo index entry holds it: what the public sees, and the enterprises to count workers for. */
export type IndexedStation = Pick<Station, 'stationId' | keyof StationDetails>;

export function stationGeoRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const cellItem = (station: Station) => {
    const { stationId, name, district, street, address, location, services, enterprises, openingHours } = station;
    const cell = cellOf(location);
    return { ...keys.stationCell(cell, stationId), cell, stationId, name, district, street, address, location, services, enterprises, openingHours } satisfies IndexedStation & Record<string, unknown>;
  };

  return {
    /**
     * The geo index side items of a change from `before` to `after`: the entry leaves its
     * old cell when the station moved or closed, and is (re)written while the station is
     * active, so what it shows follows every change. Unguarded: the station's version guard
     * in the same transaction orders every writer.
     */
    geoWrites(before: Station | undefined, after: Station): TransactItem[] {
      const writes: TransactItem[] = [];
      const oldCell = before?.status === 'active' ? cellOf(before.location) : undefined;
      const newCell = after.status === 'active' ? cellOf(after.location) : undefined;
      if (oldCell !== undefined && oldCell !== newCell) writes.push({ Delete: { TableName: tableName, Key: keys.stationCell(oldCell, after.stationId) } });
      if (newCell !== undefined) writes.push({ Put: { TableName: tableName, Item: cellItem(after) } });
      return writes;
    },

    /** The active stations indexed in one geohash cell (one partition, every page). */
    async inCell(cell: string): Promise<IndexedStation[]> {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.stationCellPartition(cell) }, ExclusiveStartKey: start }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return items.map((item) => stripCell<IndexedStation>(item));
    },
  };
}

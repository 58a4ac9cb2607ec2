/**
 * Stations and their traces (access patterns in ACCESS-PATTERNS.md, "Stations"). Stations
 * are written only through the traced write path (services/stations.ts plans the change);
 * this file lays the items out and reads them. The geo index is station-geo-repository.ts,
 * apart so that an order's station check does not load the geohash code.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Station, StationStatus } from '../domain/station/station';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { queryIndexAll } from './index-page';
import { INDEX, keys } from './keys';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';

const strip = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk']);

export function stationsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** The station's items for the traced write: listed by district (gsi1) and by status (gsi2). */
    record(station: Station) {
      return {
        items: [
          {
            ...keys.station(station.stationId),
            ...station,
            gsi1pk: keys.stationsOfDistrict(station.district),
            gsi1sk: station.stationId,
            gsi2pk: keys.stationsInStatus(station.status),
            gsi2sk: station.stationId,
          },
        ],
        tracePartition: keys.stationPartition(station.stationId),
      };
    },

    async get(stationId: string, consistent = false): Promise<Station | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.station(stationId), ConsistentRead: consistent }));
      return out.Item ? strip<Station>(out.Item) : undefined;
    },

    /** Only the status: what an order's acceptance needs (one small GetItem). */
    async status(stationId: string): Promise<StationStatus | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.station(stationId), ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
      return out.Item ? (out.Item.status as StationStatus) : undefined;
    },

    trace(stationId: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.stationPartition(stationId));
    },

    /** A district's stations, every status, by id (gsi1, keys only, then the items). */
    async ofDistrict(district: string): Promise<Station[]> {
      return (await queryIndexAll(store, { index: INDEX.byTime, pk: keys.stationsOfDistrict(district) })).map((item) => strip<Station>(item));
    },

    /** The stations in one status, by id (gsi2, keys only, then the items). */
    async inStatus(status: StationStatus): Promise<Station[]> {
      return (await queryIndexAll(store, { index: INDEX.byStatus, pk: keys.stationsInStatus(status) })).map((item) => strip<Station>(item));
    },
  };
}

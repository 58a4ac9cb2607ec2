/**
 * Areas: the streets and towns (街镇) the coverage report measures, each with the reference
 * point the programme chose (access patterns in ACCESS-PATTERNS.md, "Stations"). Reference
 * data an officer keeps up to date, not a traced record: one partition, read whole (a city
 * has a few hundred streets and towns).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Area } from '../domain/station/coverage';
import type { StoreContext } from './client';
import { keys } from './keys';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';

const strip = fieldStripper(['pk', 'sk']);

export interface StoredArea extends Area {
  updatedAt: string;
}

export function areasRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** Registers or replaces an area (a PUT: the same body again changes nothing that matters). */
    async put(area: StoredArea): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.area(area.areaId), ...area } }));
    },

    /** Every area, by id. */
    async all(): Promise<StoredArea[]> {
      return (await queryPartition(store, keys.areasPartition(), keys.AREA_PREFIX)).map((item) => strip<StoredArea>(item));
    },
  };
}

/** Metering for the bench: counts what AWS would bill while the local platform runs (see meter.ts). */
export { Meter, type MeterOptions } from './meter';
export { emptyUsage, scaleLambda, sum, type Usage, type DynamoDbUsage, type SqsUsage, type EventBridgeUsage, type KmsUsage, type FunctionUsage, type HttpUsage } from './usage';
export { billedEvents, putEventsEntryBytes } from './request-meters';
export { itemSize, valueSize, numberSize, type WireItem, type WireValue } from './item-size';
export { chargeWrite, chargeItemReads, chargePageRead, readUnitsFor, writeUnitsFor, type TableShape, type IndexShape } from './dynamodb-capacity';
export { billedSqsRequests, messagePayloadBytes, SQS_CHUNK_BYTES } from './sqs-requests';
export { billedMilliseconds, gigabyteSeconds, platformLogBytes } from './lambda-usage';
export { accessLogLineBytes } from './access-log';

/**
 * What the function bundles use in place of `@smithy/core/event-streams` (an esbuild alias in
 * infra/bundling/esbuild-options.ts): nothing but a plain error.
 *
 * Why: every SDK client's protocol loads its event-stream support with a dynamic `import()`
 * when an operation streams events, and a single-file bundle inlines whatever a dynamic import
 * names — about 15 KB of each function's ~300 (measured 2026-12-07: the app's 78 bundles and
 * their maps 60.6 → 55.9 MB), parsed at every cold start and printed by every bundling pass.
 * None of the clients the functions use (DynamoDB, SQS, KMS, EventBridge) has an operation that
 * streams events (test/unit/no-event-streams.test.ts checks each client the project depends
 * on), so no function ever reaches this module; if a new client did, its call would fail with
 * the message below, and that test would already have named the client.
 *
 * Same exports as the names the SDK's protocol imports from the module it replaces.
 */
const NOT_BUNDLED =
  'Event streams are not bundled into Anxin functions (shared/lib/no-event-streams.ts): remove the alias in infra/bundling/esbuild-options.ts to use an event-stream operation';

export const eventStreamSerdeProvider = (): never => {
  throw new Error(NOT_BUNDLED);
};

export class EventStreamSerde {
  constructor() {
    throw new Error(NOT_BUNDLED);
  }
}

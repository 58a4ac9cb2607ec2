/**
 * Builds a module-level schema (or a table of schemas) so that esbuild can drop it from
 * bundles that never use it.
 *
 * Why: a zod schema is built by calls (`z.string().check(...)`), and a bundler must keep
 * any top-level call it cannot prove free of side effects — so every function that
 * imported one schema module used to construct ALL of that module's schemas at cold
 * start (and carry the zod code they need). esbuild ignores zod's own
 * `@__NO_SIDE_EFFECTS__` marks across module boundaries, but honours a
 * `/* @__PURE__ *\/` mark at the call site, and a function argument has no side effects
 * until it is called. So every schema module writes
 *
 *   export const X = /* @__PURE__ *\/ defineSchema(() => z.strictObject({ ... }));
 *
 * and a bundle constructs exactly the schemas it reaches. Nothing is deferred: a schema
 * that is kept is built at import, as before. bench/ measures the effect (cold start).
 */
export function defineSchema<T>(build: () => T): T {
  return build();
}

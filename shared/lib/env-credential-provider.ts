/**
 * What the function bundles use in place of `@aws-sdk/credential-provider-node` (an esbuild
 * alias in infra/bundling/esbuild-options.ts): the environment's credentials, and nothing else.
 *
 * Why: every SDK client's runtime config imports the SDK's default credential chain, and a
 * single-file bundle inlines all of it — SSO, ini files, credential processes, web identity,
 * the container and instance metadata providers, and the STS / SSO-OIDC / sign-in clients
 * they call: about 30% of each function's bytes (measured: 33.2 → 22.8 MB for the app's 78
 * bundles), parsed at every cold start and printed by every bundling pass. On Lambda the
 * chain's first link always answers: the runtime puts the execution role's credentials in
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN for the life of the
 * execution environment, and the local platform does the same with each function's own
 * credentials. So the chain's other links are dead code in a function.
 *
 * Same exports as the package it replaces (the clients import `defaultProvider`).
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
type ProviderInit = Parameters<typeof fromEnv>[0];
type Provider = ReturnType<typeof fromEnv>;
type Credentials = Awaited<ReturnType<Provider>>;

export const defaultProvider = (init: ProviderInit = {}): Provider => fromEnv(init);

export const credentialsWillNeedRefresh = (credentials?: Credentials): boolean => credentials?.expiration !== undefined;

/** Five minutes before expiry, as the SDK's chain treats them. */
export const credentialsTreatedAsExpired = (credentials?: Credentials): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;

/** A LocalFunction as the template reader would make it, for tests that run one bundle on the local Lambda host. */
import type { LocalFunction } from '../../local/topology';

export function localFunction(
  opts: { name: string; bundleDir: string; logicalId?: string; region?: string; accountId?: string },
  overrides: Partial<LocalFunction> = {},
): LocalFunction {
  return {
    logicalId: opts.logicalId ?? `${opts.name}Fn`,
    functionName: opts.name,
    arn: `arn:aws:lambda:${opts.region ?? 'us-east-1'}:${opts.accountId ?? '000000000000'}:function:${opts.name}`,
    bundleDir: opts.bundleDir,
    handler: 'index.handler',
    runtime: 'nodejs22.x',
    architecture: 'arm64',
    memoryMb: 256,
    timeoutSeconds: 5,
    environment: {},
    ...overrides,
  };
}

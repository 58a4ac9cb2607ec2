/** AWS::Lambda::Function → LocalFunction, with Lambda's defaults and the staged bundle directory. */
import type { LocalFunction } from '../topology';
import { TemplateError } from './errors';
import { locateFunctionCode } from './function-code';
import { asNumber, eachResource, isRecord, unsupported, type MapContext } from './map-context';

// Lambda's documented defaults.
const DEFAULT_MEMORY_MB = 128;
const DEFAULT_TIMEOUT_S = 3;

export function mapFunctions(ctx: MapContext): LocalFunction[] {
  return eachResource(ctx, 'AWS::Lambda::Function', (r) => {
    const runtime = r.prop('Runtime');
    const code = r.prop('Code');
    if (r.prop('PackageType') === 'Image' || (isRecord(code) && code.ImageUri !== undefined)) {
      return unsupported(ctx, r, 'container-image functions cannot run in the local worker runtime');
    }
    // The local runtime runs functions in Node.js worker threads: other runtimes cannot run.
    if (typeof runtime !== 'string' || !runtime.startsWith('nodejs')) {
      return unsupported(ctx, r, `runtime ${String(runtime)} cannot run locally (Node.js runtimes only)`);
    }
    const handler = r.prop('Handler');
    if (typeof handler !== 'string') throw new TemplateError(r.where, 'Handler is required');
    const architectures = r.prop('Architectures');
    const environment = r.prop('Environment');
    const variables = isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
    const fn: LocalFunction = {
      logicalId: r.logicalId,
      functionName: r.stack.physicalName(r.logicalId),
      arn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      bundleDir: locateFunctionCode(r),
      handler,
      runtime,
      architecture: Array.isArray(architectures) && architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
      memoryMb: asNumber(r.prop('MemorySize'), DEFAULT_MEMORY_MB),
      timeoutSeconds: asNumber(r.prop('Timeout'), DEFAULT_TIMEOUT_S),
      environment: Object.fromEntries(
        Object.entries(variables).map(([name, value]) => {
          if (typeof value === 'object' && value !== null) {
            throw new TemplateError(r.where, `environment variable ${name} did not resolve to a string`);
          }
          return [name, String(value)];
        }),
      ),
    };
    const reserved = r.prop('ReservedConcurrentExecutions');
    if (reserved !== undefined) fn.reservedConcurrency = asNumber(reserved, 0);
    return fn;
  });
}

/** The local Lambda runtime: each function in its own worker threads (see function-host.ts). */
export { FunctionHost, PAYLOAD_LIMIT_BYTES, type FunctionHostOptions, type FunctionStats } from './function-host';
export { LOCAL_CREDENTIALS, lambdaEnvironment } from './environment';
export { ErrorTypes, type InvokeOptions, type InvokeResult, type LambdaError } from './types';

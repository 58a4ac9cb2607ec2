/** The local API Gateway HTTP API front end (see server.ts). */
export { startHttpApi, type HttpApiOptions, type RunningHttpApi } from './server';

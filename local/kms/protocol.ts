/**
 * AWS JSON 1.1, KMS's protocol: `POST /` with `X-Amz-Target: TrentService.<Action>` and
 * `Content-Type: application/x-amz-json-1.1`; blobs travel base64-encoded, timestamps as
 * epoch seconds. Errors are `{"__type": ..., "message": ...}` with a 4xx/5xx status.
 */
import { jsonProtocol, type JsonInput } from '../aws-endpoint/json-protocol';
import { KmsError } from './errors';

export type Input = JsonInput;
export type Output = Record<string, unknown>;

export const protocol = jsonProtocol<KmsError>({
  service: 'TrentService',
  version: '1.1',
  unknownOperation: (target) =>
    new KmsError('UnknownOperationException', `The operation ${target ?? '(no X-Amz-Target)'} is not valid for this endpoint.`),
  serializationError: (message) => new KmsError('SerializationException', message),
});

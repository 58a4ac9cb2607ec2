/**
 * AWS JSON 1.0, the protocol of SDK v3 (and of botocore since SQS switched in 2023):
 * `POST /` with `X-Amz-Target: AmazonSQS.<Action>` and a JSON body; responses are JSON,
 * errors carry `__type` plus the query-compatibility header (see errors.ts).
 */
import { jsonProtocol } from '../aws-endpoint/json-protocol';
import { SqsError } from './errors';

export const protocol = jsonProtocol<SqsError>({
  service: 'AmazonSQS',
  version: '1.0',
  unknownOperation: (target) => new SqsError('InvalidAction', `The action ${target} is not valid for this endpoint.`),
  serializationError: (message) => new SqsError('SerializationException', message),
  errorHeaders: ({ wire }) => ({ 'x-amzn-query-error': `${wire.queryCode};${wire.fault}` }),
});

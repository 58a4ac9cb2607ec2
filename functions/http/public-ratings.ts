/**
 * POST /v1/public/ratings — a household rates a completed service with its one-time token
 * (no API key). 202: the rating is applied to the order by the orders consumer.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { json, parseBody, publicHttpHandler } from '../../shared/lib/http';
import { requiredEnv } from '../../shared/lib/env';
import { PublicRatingRequest } from '../../shared/schemas/order-commands';
import { submitRating } from '../../shared/services/ratings';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = publicHttpHandler(async (event) => {
  const { token, ...rating } = parseBody(event, PublicRatingRequest);
  const accepted = await submitRating(deps, token, rating);
  return json(202, { eventId: accepted.eventId, status: accepted.status });
});

/**
 * POST /v1/public/complaints — a household complains about a service with the order's
 * rating token (no API key), whether or not it rated; one complaint per token. 202: opened
 * on the order by the orders consumer.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { json, parseBody, publicHttpHandler } from '../../shared/lib/http';
import { requiredEnv } from '../../shared/lib/env';
import { PublicComplaintRequest } from '../../shared/schemas/complaints';
import { openHouseholdComplaint } from '../../shared/services/complaints';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = publicHttpHandler(async (event) => {
  const { token, ...complaint } = parseBody(event, PublicComplaintRequest);
  const accepted = await openHouseholdComplaint(deps, token, complaint);
  // Like a rating's answer, without the order id: the complaint id is the household's reference.
  return json(202, { complaintId: accepted.complaintId, eventId: accepted.eventId, status: accepted.status });
});

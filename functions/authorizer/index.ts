/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses): API key → tenant and
 * role in `requestContext.authorizer.lambda`. API Gateway answers 401 itself when the
 * Authorization header is missing and 403 when we say no; results are cached per key for
 * the TTL configured in the CDK app.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { parseApiKey, secretMatches } from '../../shared/auth/api-key';
import { logger } from '../../shared/lib/logger';
import { defaultStore } from '../../shared/store/client';
import { tenantsRepository } from '../../shared/store/tenants-repository';

type AuthContext = { tenantId: string; role: string; keyId: string };

const tenants = tenantsRepository(defaultStore());
const DENY = { isAuthorized: false } as APIGatewaySimpleAuthorizerWithContextResult<AuthContext>;

export const handler = async (
  event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthContext>> => {
  const parsed = parseApiKey(event.headers?.authorization ?? event.identitySource?.[0]);
  if (!parsed) return DENY;
  const key = await tenants.getKey(parsed.keyId);
  if (!key || key.status !== 'active' || !secretMatches(parsed.secret, key.secretHash)) {
    // The key id is public; logging it helps an admin see a leaked or revoked key being tried.
    logger.info('denied', { keyId: parsed.keyId, known: Boolean(key) });
    return DENY;
  }
  return { isAuthorized: true, context: { tenantId: key.tenantId, role: key.role, keyId: key.keyId } };
};

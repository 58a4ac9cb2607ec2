/**
 * The HTTP API's `$default` route: whatever no route matches — an unknown path, a method a
 * path does not have, a path parameter that decodes to hold a `/` — answers a problem+json
 * 404 like every other error, instead of API Gateway's own `{"message":"Not Found"}`. It
 * needs no key (the authorizer is not run for it), reads nothing and names nothing.
 */
import { problemResponse, type HttpEvent, type HttpResult } from '../../shared/lib/http';
import { problems } from '../../shared/lib/problem';

export const handler = async (event: HttpEvent): Promise<HttpResult> => problemResponse(problems.noRoute(), event);

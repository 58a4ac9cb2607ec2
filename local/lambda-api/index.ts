/**
 * The local platform's Lambda endpoint: the Invoke API, so that a function of the template —
 * a scheduled job above all (monthly credit grading, the daily certificate run) — can be run
 * on demand locally the way an admin runs it in AWS (`aws lambda invoke`, any SDK's Invoke,
 * or curl). It goes through the platform's one `invoke`: the same function hosts, logs,
 * metering and watch-mode reloads as the HTTP API, the pollers and the schedules.
 *
 * Why hand-written: one operation on one route, and the runtime behind it is the platform's
 * own; an emulator would bring a second way to run functions.
 *
 * Map of the directory:
 *   server.ts           HTTP, lifecycle (startLambdaApi)     errors.ts   API errors and statuses
 *   invoke-request.ts   route, invocation type, payload and its limits
 *   function-name.ts    FunctionName (name, partial ARN, ARN, qualifier) → the template's function
 *   invoke-response.ts  result → 200 / X-Amz-Function-Error, refusals → 413 / 429, 202, 204
 *
 * Where it differs from AWS Lambda (tests pin the behaviour down):
 *   - Invoke only (plus DryRun); no other Lambda API (ListFunctions, GetFunction...): the
 *     template is the only way to create or change a function. The legacy InvokeAsync is absent.
 *   - Only `$LATEST` exists: no published versions or aliases; any other qualifier is a 404
 *     ResourceNotFoundException, as for a version that does not exist.
 *   - Signatures are not verified. With the template's IAM enforced, a caller signing with a
 *     function's credentials needs lambda:InvokeFunction on the target in its role (else
 *     403 AccessDeniedException); any other caller (an admin, the CLI) is not checked. That
 *     is why it listens on loopback only, whatever --host says.
 *   - X-Amz-Client-Context is ignored (the handler's context.clientContext stays undefined);
 *     X-Amz-Log-Type: Tail returns no X-Amz-Log-Result (the log is the platform's log).
 *   - Event invocations are retried and sent to their destinations as the function's
 *     EventInvokeConfig says (local/lambda/async-invoke.ts), with seconds between attempts
 *     instead of minutes; no DLQ (DeadLetterConfig). The 202's x-amzn-RequestId is not the
 *     awsRequestId the handler sees (Lambda's are the same).
 *   - Throttling happens only at a function's reserved concurrency (the host's rule); the
 *     account's concurrency and burst limits do not exist locally.
 */
export { startLambdaApi, type LambdaApi, type LambdaApiOptions } from './server';
export { LambdaApiError } from './errors';

/**
 * Each function's own local credentials, so the local endpoints know which function calls
 * them: the access key id names the function (`LOCAL<logical id>`), and the SDK puts it in
 * every request's SigV4 Authorization header (`Credential=<key id>/<date>/<region>/<service>/aws4_request`).
 * The signature itself is not verified: the key is an identity on one machine, not a secret.
 */
const PREFIX = 'LOCAL';

export function functionAccessKeyId(logicalId: string): string {
  return `${PREFIX}${logicalId}`;
}

/** The variables a function's environment gets (Lambda always sets all three). */
export function functionCredentials(logicalId: string): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: functionAccessKeyId(logicalId), AWS_SECRET_ACCESS_KEY: 'local', AWS_SESSION_TOKEN: 'local' };
}

/** The function a request's access key id names, if any; another key (tests, the CLI, the platform itself) → undefined. */
export function functionOfAccessKeyId(accessKeyId: string | undefined): string | undefined {
  return accessKeyId?.startsWith(PREFIX) && accessKeyId.length > PREFIX.length ? accessKeyId.slice(PREFIX.length) : undefined;
}

/** The access key id of a SigV4 Authorization header (`AWS4-HMAC-SHA256 Credential=AKID/…, SignedHeaders=…, Signature=…`). */
export function accessKeyIdOf(authorization: string | string[] | undefined): string | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  return header ? /Credential=([^/,\s]+)\//.exec(header)?.[1] : undefined;
}

/**
 * One platform's own database in a DynamoDB Local that several platforms share.
 *
 * DynamoDB Local started without -sharedDb keeps a database per access key id and region.
 * A platform's callers sign with many keys (each function with its role's own key when IAM
 * is enforced, the platform and the tests with another), so this proxy, in front of the
 * shared JVM, rewrites the key id of every call to the platform's database name. DynamoDB
 * Local does not verify signatures: the rewritten Authorization header is all it reads.
 *
 * Why: a JVM costs ~3.5 s of CPU to start and more to warm up. The test suite starts one
 * for all its e2e platforms instead of one each (test/support/shared-dynamodb-setup.ts);
 * `npm start` still starts its own.
 */
import { createHash } from 'node:crypto';
import { startProxy, type ProxiedRequest, type RunningProxy } from '../metering/http-proxy';

export interface SharedDynamoDb {
  /** A DynamoDB Local started without -sharedDb (startDynamoDbLocal({ sharedDb: false })). */
  endpoint: string;
  /** This platform's database in it: letters and digits only, as DynamoDB Local requires of a key id. */
  database: string;
}

/** A database name for a data directory: the same folder, the same database (a restart finds its tables). */
export function databaseNameFor(dataDir: string): string {
  return `anxin${createHash('sha256').update(dataDir).digest('hex').slice(0, 24)}`;
}

// "Credential=<key id>/<date>/<region>/<service>/aws4_request" of a SigV4 Authorization header.
// DynamoDB Local names a database after the key id and the region: both are rewritten, so a
// test's client signing for another region still lands in the platform's tables.
const KEY_ID_AND_REGION = /Credential=[^/,\s]*\/([^/,\s]*)\/[^/,\s]*\//;
const REGION = 'us-east-1';

/**
 * Points a request at `database`: its Authorization header's key id and region. For the
 * proxy below, and for the DynamoDB front (front.ts), which applies it itself and calls the
 * shared JVM directly instead of through this proxy: one loopback hop less on every call a
 * function makes.
 */
export function intoDatabase(database: string): (req: ProxiedRequest) => void {
  if (!/^[A-Za-z0-9]+$/.test(database)) throw new Error(`DynamoDB Local database names are letters and digits only: "${database}"`);
  const credential = (_: string, date: string) => `Credential=${database}/${date}/${REGION}/`;
  return (req) => {
    const auth = req.headers.authorization;
    if (typeof auth === 'string') req.headers.authorization = auth.replace(KEY_ID_AND_REGION, credential);
  };
}

export function startDatabaseProxy(opts: SharedDynamoDb & { host?: string }): Promise<RunningProxy> {
  const rewrite = intoDatabase(opts.database);
  return startProxy({
    target: opts.endpoint,
    host: opts.host,
    handle: (req, forward) => {
      rewrite(req);
      return forward();
    },
  });
}

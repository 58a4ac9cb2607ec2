/**
 * The local platform's KMS endpoint: an in-process HTTP server speaking KMS's AWS JSON 1.1
 * protocol (`X-Amz-Target: TrentService.<Action>`), serving the KMS keys of the CDK
 * template, which the unchanged handler code reaches through AWS_ENDPOINT_URL_KMS.
 *
 * Why hand-written: no npm package offers an embeddable (in-process, no Docker, no JVM)
 * KMS emulator that is faithful where Anxin needs it — keys taken from the template (with
 * their aliases and ARNs), HMAC keys with GenerateMac/VerifyMac, ciphertexts really bound
 * to the EncryptionContext, key material that survives restarts, and KMS's error shapes.
 *
 * Map of the directory:
 *   server.ts              HTTP, lifecycle (startKmsServer)      protocol.ts   AWS JSON 1.1 in/out
 *   actions.ts             action table                          errors.ts     error types and wire names
 *   encryption-actions.ts  Encrypt, Decrypt, GenerateDataKey     mac-actions.ts  GenerateMac, VerifyMac
 *   key-actions.ts         DescribeKey, ListAliases              input.ts      member validation
 *   keyring.ts             keys + KeyId resolution (id, ARN, alias, alias ARN)
 *   key-material.ts        per-key random material in <dataDir>/<keyId>.json
 *   ciphertext.ts          AES-256-GCM blob format, EncryptionContext as AAD
 *   key-specs.ts           served key specs (SYMMETRIC_DEFAULT, HMAC_224/256/384/512)
 *
 * Where it differs from AWS KMS (tests pin the behaviour down):
 *   - Keys exist only as the template declares them: CreateKey, aliases, grants, key
 *     policies, rotation, deletion and tags are CloudFormation's business and answer
 *     UnsupportedOperationException. Asymmetric keys, imported material and custom key
 *     stores are refused when the template is read.
 *   - No authentication or authorization: signatures, IAM and key policies are not checked.
 *   - The ciphertext blob is this endpoint's own format (AES-256-GCM, key id in the
 *     header); AWS's is opaque and different. Blobs do not move between AWS and local.
 *   - Key material is random per data directory: MACs and ciphertexts are stable across
 *     restarts of one platform, not across machines or a wiped data dir (as with two
 *     different AWS keys).
 *   - Automatic rotation is not modelled (one material version per key); multi-Region keys
 *     get ordinary key ids, not `mrk-` ones.
 *   - ListAliases lists the template's aliases only (no AWS-managed `alias/aws/*`); its
 *     KeyId refuses an alias with InvalidArnException (AWS does not document which error).
 *   - Recipient (Nitro Enclaves) is refused; GrantTokens are accepted and ignored.
 */
export { startKmsServer, type KmsServer, type KmsServerOptions } from './server';
export { KmsError } from './errors';

/**
 * IAM on the local platform: the template's identity and resource policies, evaluated for
 * every call a function signs to a local endpoint (docs/architecture.md "IAM on the local platform").
 */
export { createEnforcer, type Enforcer, type IamRefusal } from './enforcer';
export { functionCredentials, functionAccessKeyId, accessKeyIdOf } from './credentials';
export { compilePolicy, UnsupportedPolicyError, type Statement } from './policy';
export { decide, deniedMessage, evaluateStatements, type Decision } from './evaluate';

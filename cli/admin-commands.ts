/**
 * `anxin tenant …` and `anxin key …`: onboarding against the local platform or a deployed
 * stage; `anxin trace verify …`: trace verification through the store layer.
 */
import { parseArgs } from 'node:util';
import { createKey, createTenant } from '../shared/admin/onboarding';
import { isRole, ROLES } from '../shared/auth/roles';
import { verifyOneOrder, verifyTenant, type TraceVerificationReport } from '../shared/services/verify-traces';
import { tenantsRepository } from '../shared/store/tenants-repository';
import { resolveStore, TARGET_OPTIONS, targetOf } from './target';
import { usageOf } from './usage';

const targetOptions = { ...TARGET_OPTIONS, json: { type: 'boolean' } } as const;

/** Each command's options, as parseArgs takes them (cli/usage.ts lists every one). */
export const ADMIN_COMMAND_OPTIONS = {
  tenant: { ...targetOptions, name: { type: 'string' }, role: { type: 'string' }, 'joined-on': { type: 'string' } },
  key: { ...targetOptions, tenant: { type: 'string' }, label: { type: 'string' } },
  trace: { ...targetOptions, tenant: { type: 'string' }, order: { type: 'string' } },
} as const;

type Out = (line: string) => void;

export async function tenantCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: ADMIN_COMMAND_OPTIONS.tenant,
  });
  const store = await resolveStore(targetOf(values));
  if (action === 'create') {
    if (!values.name || !isRole(values.role)) {
      out(`usage: anxin tenant create --name <name> --role <${ROLES.join('|')}> [--joined-on YYYY-MM-DD]`);
      return 2;
    }
    const tenant = await createTenant(store, { name: values.name, role: values.role, ...(values['joined-on'] ? { joinedOn: values['joined-on'] } : {}) });
    out(values.json ? JSON.stringify(tenant) : `created tenant ${tenant.tenantId} (${tenant.role}) "${tenant.name}"`);
    return 0;
  }
  if (action === 'list') {
    const tenants = await tenantsRepository(store).listTenants();
    if (values.json) out(JSON.stringify(tenants));
    else for (const t of tenants) out(`${t.tenantId}  ${t.role.padEnd(13)}  ${t.name}`);
    return 0;
  }
  out(usageOf('tenant'));
  return 2;
}

export async function keyCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: ADMIN_COMMAND_OPTIONS.key,
  });
  const store = await resolveStore(targetOf(values));
  const repo = tenantsRepository(store);
  if (action === 'create') {
    if (!values.tenant) {
      out('usage: anxin key create --tenant <tenantId> [--label <text>]');
      return 2;
    }
    const key = await createKey(store, values.tenant, values.label);
    if (values.json) out(JSON.stringify(key));
    else {
      out(`key ${key.keyId} for tenant ${key.tenantId} (${key.role}):`);
      out(`  ${key.apiKey}`);
      out('This is the only time the key is shown; Anxin stores only its hash.');
    }
    return 0;
  }
  if (action === 'list') {
    if (!values.tenant) {
      out('usage: anxin key list --tenant <tenantId>');
      return 2;
    }
    const list = await repo.listKeys(values.tenant);
    const safe = list.map(({ secretHash: _hidden, ...k }) => k);
    if (values.json) out(JSON.stringify(safe));
    else for (const k of safe) out(`${k.keyId}  ${k.status.padEnd(7)}  ${k.createdAt}  ${k.label ?? ''}`);
    return 0;
  }
  if (action === 'revoke') {
    const keyId = positionals[0];
    if (!keyId) {
      out('usage: anxin key revoke <keyId>');
      return 2;
    }
    const done = await repo.revokeKey(keyId, new Date().toISOString());
    out(done ? `revoked ${keyId} (cached authorizations expire within 60 s)` : `no key ${keyId}`);
    return done ? 0 : 1;
  }
  out(usageOf('key'));
  return 2;
}

/**
 * `anxin trace verify --tenant <id> [--order <id>]`: the same check as
 * GET /v1/admin/trace-verification, walking all of the tenant's orders. Exit code 1 when
 * any chain is broken, so a scheduled job or a script can alarm on it.
 */
export async function traceCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({ args: rest, options: ADMIN_COMMAND_OPTIONS.trace });
  if (action !== 'verify' || !values.tenant) {
    out(usageOf('trace'));
    return 2;
  }
  const store = await resolveStore(targetOf(values));
  if (!(await tenantsRepository(store).getTenant(values.tenant))) {
    out(`no tenant ${values.tenant}`);
    return 1;
  }
  let report: TraceVerificationReport | undefined;
  if (values.order) {
    report = await verifyOneOrder(store, values.tenant, values.order);
    if (!report) {
      out(`no order ${values.order} for tenant ${values.tenant}`);
      return 1;
    }
  } else {
    // Print broken orders as each page is verified, so a long run shows progress.
    report = await verifyTenant(store, values.tenant, values.json ? undefined : (page) => page.broken.forEach((b) => out(brokenLine(b))));
  }
  if (values.json) out(JSON.stringify(report));
  else {
    if (values.order) report.broken.forEach((b) => out(brokenLine(b)));
    out(`${report.checked} order(s) checked: ${report.valid} valid, ${report.brokenCount} broken`);
  }
  return report.brokenCount > 0 ? 1 : 0;
}

function brokenLine(b: TraceVerificationReport['broken'][number]): string {
  const entry = b.entry ? ` (entry ${b.entry.seq}: ${b.entry.type}, event ${b.entry.eventId})` : '';
  return `BROKEN ${b.orderId} at entry ${b.brokenAt}${entry}: ${b.reason}`;
}

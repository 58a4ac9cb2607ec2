/** `anxin tenant …` and `anxin key …`: onboarding against the local platform or a deployed stage. */
import { parseArgs } from 'node:util';
import { createKey, createTenant } from '../shared/admin/onboarding';
import { isRole, ROLES } from '../shared/auth/roles';
import { tenantsRepository } from '../shared/store/tenants-repository';
import { resolveStore } from './target';

const targetOptions = {
  stage: { type: 'string' },
  table: { type: 'string' },
  'endpoint-url': { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Out = (line: string) => void;

export async function tenantCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: { ...targetOptions, name: { type: 'string' }, role: { type: 'string' } },
  });
  const store = await resolveStore({ ...values, endpointUrl: values['endpoint-url'] });
  if (action === 'create') {
    if (!values.name || !isRole(values.role)) {
      out(`usage: anxin tenant create --name <name> --role <${ROLES.join('|')}>`);
      return 2;
    }
    const tenant = await createTenant(store, { name: values.name, role: values.role });
    out(values.json ? JSON.stringify(tenant) : `created tenant ${tenant.tenantId} (${tenant.role}) "${tenant.name}"`);
    return 0;
  }
  if (action === 'list') {
    const tenants = await tenantsRepository(store).listTenants();
    if (values.json) out(JSON.stringify(tenants));
    else for (const t of tenants) out(`${t.tenantId}  ${t.role.padEnd(13)}  ${t.name}`);
    return 0;
  }
  out('usage: anxin tenant <create|list> [--stage <stage>]');
  return 2;
}

export async function keyCommand(argv: string[], out: Out): Promise<number> {
  const [action, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { ...targetOptions, tenant: { type: 'string' }, label: { type: 'string' } },
  });
  const store = await resolveStore({ ...values, endpointUrl: values['endpoint-url'] });
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
  out('usage: anxin key <create|list|revoke> [--stage <stage>]');
  return 2;
}

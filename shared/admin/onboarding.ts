/** Onboarding: tenants and their API keys (used by the admin CLI and the local platform's demo seed). */
import { issueApiKey } from '../auth/api-key';
import type { Role } from '../auth/roles';
import { newTenantId } from '../lib/ids';
import { enterpriseJoined } from '../domain/programme/deltas';
import { isCalendarDay } from '../lib/shanghai-day';
import type { StoreContext } from '../store/client';
import { programmeCount } from '../store/programme-figures-repository';
import { tenantsRepository, type Tenant } from '../store/tenants-repository';

export async function createTenant(store: StoreContext, input: { name: string; role: Role; tenantId?: string; joinedOn?: string }): Promise<Tenant> {
  if (input.joinedOn !== undefined && !isCalendarDay(input.joinedOn)) throw new Error(`joinedOn ${JSON.stringify(input.joinedOn)} is not a YYYY-MM-DD day`);
  const tenant: Tenant = {
    tenantId: input.tenantId ?? newTenantId(),
    name: input.name,
    role: input.role,
    createdAt: new Date().toISOString(),
    ...(input.joinedOn ? { joinedOn: input.joinedOn } : {}),
  };
  // An enterprise is one of the programme's enterprises from the month it joined.
  const counted = tenant.role === 'enterprise' ? programmeCount(store, enterpriseJoined(tenant.tenantId, tenant.joinedOn, tenant.createdAt)) : [];
  await tenantsRepository(store).createTenant(tenant, counted);
  return tenant;
}

/** Issues a key for a tenant; the returned apiKey is the only time the secret exists outside its owner. */
export async function createKey(
  store: StoreContext,
  tenantId: string,
  label?: string,
): Promise<{ keyId: string; apiKey: string; tenantId: string; role: Role }> {
  const repo = tenantsRepository(store);
  const tenant = await repo.getTenant(tenantId);
  if (!tenant) throw new Error(`no tenant ${tenantId}`);
  const issued = issueApiKey();
  await repo.putKey({
    keyId: issued.keyId,
    tenantId,
    role: tenant.role,
    secretHash: issued.secretHash,
    status: 'active',
    createdAt: new Date().toISOString(),
    ...(label ? { label } : {}),
  });
  return { keyId: issued.keyId, apiKey: issued.apiKey, tenantId, role: tenant.role };
}

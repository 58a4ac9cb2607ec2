/**
 * An officer's record about a tenant (a public-credit record, an employment model, a
 * recognition) must name a tenant of the right role; any other id is answered like a
 * missing one.
 */
import type { StoreContext } from '../store/client';
import { problems } from '../lib/problem';
import { tenantsRepository } from '../store/tenants-repository';

const NAMES = { enterprise: 'Enterprise', 'training-base': 'Training base' } as const;

export async function requireTenantOfRole(store: StoreContext, tenantId: string, role: keyof typeof NAMES): Promise<void> {
  const tenant = await tenantsRepository(store).getTenant(tenantId);
  if (!tenant || tenant.role !== role) throw problems.notFound(`${NAMES[role]} ${tenantId}`);
}

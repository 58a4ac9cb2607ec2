/** The four kinds of caller. A tenant has exactly one role, and so does each of its keys. */
export const ROLES = ['enterprise', 'training-base', 'insurer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/**
 * Who is calling, as the authorizer established it. Handlers take the tenant from here
 * and nowhere else (never from a path, query or body).
 */
export interface Caller {
  tenantId: string;
  role: Role;
  keyId: string;
}

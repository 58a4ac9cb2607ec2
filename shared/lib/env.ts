/** Reads a required environment variable once; a missing one is a deployment bug, so fail loudly at init. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

/** The platform's services; each answers its own status subject. */
export const SERVICE_NAMES = [
  'credentials',
  'provisioning',
  'directory-sync',
  'auth-gateway',
  'admin-api',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

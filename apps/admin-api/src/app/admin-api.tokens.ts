export const ADMIN_API_CONFIG = Symbol('ADMIN_API_CONFIG');

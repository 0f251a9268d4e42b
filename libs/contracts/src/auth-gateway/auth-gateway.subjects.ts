/** Served by the auth-gateway service. */
export const AuthGatewaySubjects = {} as const;

export const AuthGatewayEvents = {} as const;

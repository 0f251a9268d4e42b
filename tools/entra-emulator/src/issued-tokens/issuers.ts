/** Issuer of v1.0 access tokens, with the trailing slash Microsoft puts there. */
export const v1Issuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;

/** Issuer of v2.0 tokens and of the discovery document, built from the host the client used. */
export const v2Issuer = (origin: string, tenantId: string): string => `${origin}/${tenantId}/v2.0`;

export const GRAPH_AUDIENCES: ReadonlySet<string> = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

export const EXCHANGE_AUDIENCES: ReadonlySet<string> = new Set([
  'https://outlook.office365.com',
  'https://outlook.office365.com/',
  '00000002-0000-0ff1-ce00-000000000000',
]);

/**
 * The resources other services get app tokens for, each with the scope the credentials service asks
 * Entra ID for. Each resource has its own request subject (`credentials.tokens.acquire.<resource>`),
 * so the bus permissions, generated from its declared callers, decide who may get which token: the
 * caller names no scope, and cannot name another resource's.
 */
export const TOKEN_RESOURCES = {
  /** Microsoft Graph: the directory, app registrations, and mail through Graph. */
  graph: 'https://graph.microsoft.com/.default',
  /** Exchange Online (EWS), for the checks of instances still on EWS mail access. */
  exchange: 'https://outlook.office365.com/.default',
} as const;

export type TokenResource = keyof typeof TOKEN_RESOURCES;

/** The scope of a resource's app tokens (app-only tokens always use `.default`). */
export function scopeOf(resource: TokenResource): string {
  return TOKEN_RESOURCES[resource];
}

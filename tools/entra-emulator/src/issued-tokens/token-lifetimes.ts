/**
 * Lifetimes as Microsoft issues them. Access tokens: about an hour; MSAL refreshes 300 s before expiry
 * (https://learn.microsoft.com/entra/identity-platform/configurable-token-lifetimes). Authorization codes
 * live about ten minutes; refresh tokens 90 days of inactivity; device codes 15 minutes.
 */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;
export const ID_TOKEN_LIFETIME_SECONDS = 3600;
export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 600;
export const REFRESH_TOKEN_INACTIVITY_SECONDS = 90 * 24 * 60 * 60;
export const DEVICE_CODE_LIFETIME_SECONDS = 900;
export const DEFAULT_DEVICE_CODE_INTERVAL_SECONDS = 5;
/** Tolerated clock difference when checking a client assertion's `nbf`/`exp`. */
export const ASSERTION_CLOCK_SKEW_SECONDS = 300;

/** Version of the platform's services and contracts. */
export const PLATFORM_VERSION = '0.1.0';

const MAX_LENGTH = 300;
const JWT = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;
// Long runs of base64 are assertions, keys or tokens; thumbprints (40 or 64 hex digits) stay readable.
const LONG_OPAQUE_VALUE = /[A-Za-z0-9+/_=-]{80,}/g;

/**
 * Keeps the useful sentence of an Entra error description ("AADSTS700027: The certificate ...")
 * and drops the trace and correlation ids, timestamps and anything that could be a credential.
 */
export function sanitizeEntraDescription(description: string): string {
  const start = description.search(/AADSTS\d+/);
  const fromCode = start >= 0 ? description.slice(start) : description;
  const firstSentence =
    fromCode.split(/\r?\n| - Correlation ID| - Trace ID|Trace ID:|Correlation ID:/)[0] ?? '';
  const cleaned = firstSentence
    .replace(PEM_BLOCK, '[redacted]')
    .replace(JWT, '[redacted]')
    .replace(LONG_OPAQUE_VALUE, '[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.length > MAX_LENGTH ? `${cleaned.slice(0, MAX_LENGTH - 1)}…` : cleaned;
}

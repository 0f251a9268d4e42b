/** Days before expiry at which the `credential expiring` event goes out, most urgent last. */
export const EXPIRY_NOTICE_DAYS = [60, 30, 7] as const;
export type ExpiryNoticeDays = (typeof EXPIRY_NOTICE_DAYS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ExpiryNoticeDecision {
  /** The notice to emit now, if any. */
  readonly send?: ExpiryNoticeDays;
  /** Less urgent notices that are due too but superseded by `send`: record them as handled, never emit them. */
  readonly skip: readonly ExpiryNoticeDays[];
  /** Whole days left, rounded down; negative once expired. */
  readonly daysLeft: number;
  readonly expired: boolean;
}

/**
 * Which expiry notice is due for a certificate. `handled` holds every threshold already sent or
 * skipped for this certificate (the caller persists both, so each notice goes out at most once).
 *
 * When several are due at once (the service was down, or the certificate was imported with little
 * time left) only the most urgent is sent: "expires in 60 days" arriving next to "expires in 7 days"
 * would understate the urgency, and an administrator should get one actionable message, not three.
 * A threshold less urgent than one already handled is never sent late for the same reason.
 */
export function expiryNoticesDue(
  notAfter: Date,
  now: Date,
  handled: ReadonlySet<ExpiryNoticeDays>,
): ExpiryNoticeDecision {
  const remainingMs = notAfter.getTime() - now.getTime();
  const daysLeft = Math.floor(remainingMs / DAY_MS);
  const mostUrgentHandled = Math.min(...handled, Number.POSITIVE_INFINITY);
  const due = EXPIRY_NOTICE_DAYS.filter(
    (days) => remainingMs <= days * DAY_MS && !handled.has(days) && days < mostUrgentHandled,
  );
  const send = due.at(-1);
  return {
    ...(send === undefined ? {} : { send }),
    skip: due.slice(0, -1),
    daysLeft,
    expired: remainingMs <= 0,
  };
}

/** When the next not-yet-handled notice becomes due, for scheduling the next check; undefined if none is left. */
export function nextExpiryNoticeAt(notAfter: Date, handled: ReadonlySet<ExpiryNoticeDays>): Date | undefined {
  const mostUrgentHandled = Math.min(...handled, Number.POSITIVE_INFINITY);
  const next = EXPIRY_NOTICE_DAYS.find((days) => !handled.has(days) && days < mostUrgentHandled);
  return next === undefined ? undefined : new Date(notAfter.getTime() - next * DAY_MS);
}

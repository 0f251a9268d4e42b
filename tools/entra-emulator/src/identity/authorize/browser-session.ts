import type { Request, Response } from 'express';

/** The emulator's single sign-on cookie (Microsoft's counterpart is ESTSAUTH). */
export const SESSION_COOKIE = 'emulator_session';

/** How long a browser stays signed in at the emulator. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export function sessionIdOf(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * Secure and HttpOnly; SameSite=None so it is also sent when the sign-in runs in a pop-up or frame of
 * another site (an Office add-in dialog), as Microsoft's session cookies are.
 */
export function setSessionCookie(res: Response, sessionId: string): void {
  res.cookie(SESSION_COOKIE, sessionId, {
    httpOnly: true,
    secure: true,
    sameSite: 'none',
    path: '/',
    maxAge: SESSION_LIFETIME_MS,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'none', path: '/' });
}

import type { SignInArchiveUser } from '@archive365/contracts';

/** Who is signed in: the archive user directory sync matched to the Microsoft identity (tid, oid). */
export interface ArchiveIdentity {
  instanceAlias: string;
  tid: string;
  oid: string;
  user: SignInArchiveUser;
  /** How the user signed in: browser OpenID Connect, or nested app authentication in Outlook. */
  method: 'oidc' | 'naa';
}

/** The archive token's audience: other archive components accept only this. */
export const ARCHIVE_TOKEN_AUDIENCE = 'archive365';
/** The browser session cookie's JWT audience: never accepted as an archive token. */
export const BROWSER_SESSION_AUDIENCE = 'archive365-browser-session';

/** Only the identity's own fields (a session object carries more, which must not end up in tokens). */
export function identityOf(source: ArchiveIdentity): ArchiveIdentity {
  const { instanceAlias, tid, oid, user, method } = source;
  return { instanceAlias, tid, oid, user, method };
}

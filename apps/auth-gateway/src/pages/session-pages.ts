import type { ArchiveIdentity } from '../sessions/archive-identity';
import { escapeHtml, page } from './html';

/** The landing page after a browser sign-in without a return URL: who is signed in, and sign-out. */
export function signedInPage(identity: ArchiveIdentity, logoutAction: string): string {
  return page({
    title: 'Signed in to the archive',
    body:
      `<h1>Signed in to the archive</h1>` +
      `<p id="who">Signed in as <strong id="display-name">${escapeHtml(identity.user.displayName)}</strong> ` +
      `(<span id="user-name">${escapeHtml(identity.user.userName)}</span>).</p>` +
      `<form method="post" action="${escapeHtml(logoutAction)}"><button id="logout" type="submit">Sign out</button></form>`,
  });
}

export function signedOutPage(loginUrl: string): string {
  return page({
    title: 'Signed out',
    body: `<h1 id="signed-out">You signed out of the archive</h1><p><a href="${escapeHtml(loginUrl)}">Sign in again</a></p>`,
  });
}

import { hash } from 'node:crypto';
import type { DirectoryUser } from '../graph/directory-reader';

export interface ArchiveIdentity {
  oid: string;
  /** The UPN in lower case. */
  userName: string;
  displayName: string;
  primaryAddress: string;
  /** Every SMTP proxy address, lower case, sorted. */
  aliases: string[];
  /** Of the four fields above: a changed hash is a changed user, without comparing field by field. */
  attrsHash: string;
}

/** Whether a proxy address is an SMTP one: `smtp:` in any case (`SMTP:` marks the primary). */
function isSmtp(address: string): boolean {
  return (
    address.length >= 5 &&
    address.charCodeAt(4) === 58 /* : */ &&
    address.slice(0, 4).toLowerCase() === 'smtp'
  );
}

/**
 * What an archive user is made of, from a directory user. One pass over the proxy addresses, without
 * a regular expression, a set or a list in between: this runs for every user of every read, on the
 * thread a first sync's read waits on.
 */
export function normalizeUser(user: DirectoryUser): ArchiveIdentity {
  const userName = (user.userPrincipalName ?? user.id).toLowerCase();
  let primary: string | undefined;
  const aliases: string[] = [];
  for (const address of user.proxyAddresses ?? []) {
    if (!isSmtp(address)) continue;
    // `SMTP:` (upper case) marks the primary address in Exchange.
    if (primary === undefined && address.startsWith('SMTP:')) primary = address.slice(5);
    aliases.push(address.slice(5).toLowerCase());
  }
  // Sorted, then each address once (a repeat sits next to itself).
  aliases.sort();
  let kept = 0;
  for (const alias of aliases) if (kept === 0 || alias !== aliases[kept - 1]) aliases[kept++] = alias;
  aliases.length = kept;
  const displayName = user.displayName ?? userName;
  const primaryAddress = (primary ?? user.mail ?? userName).toLowerCase();
  return {
    oid: user.id.toLowerCase(),
    userName,
    displayName,
    primaryAddress,
    aliases,
    // One-shot digest: a Hash object per user was a visible part of a 100,000-user read.
    attrsHash: hash('sha1', JSON.stringify([userName, displayName, primaryAddress, aliases]), 'hex'),
  };
}

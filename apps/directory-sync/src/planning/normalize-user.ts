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

/** What an archive user is made of, from a directory user. */
export function normalizeUser(user: DirectoryUser): ArchiveIdentity {
  const userName = (user.userPrincipalName ?? user.id).toLowerCase();
  const smtp = (user.proxyAddresses ?? []).filter((address) => /^smtp:/i.test(address));
  // `SMTP:` (upper case) marks the primary address in Exchange.
  const primary = smtp.find((address) => address.startsWith('SMTP:'))?.slice(5) ?? user.mail ?? userName;
  const aliases = [...new Set(smtp.map((address) => address.slice(5).toLowerCase()))].sort();
  const displayName = user.displayName ?? userName;
  const primaryAddress = primary.toLowerCase();
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

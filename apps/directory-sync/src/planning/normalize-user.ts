import { createHash } from 'node:crypto';
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
  const identity = {
    oid: user.id.toLowerCase(),
    userName,
    displayName: user.displayName ?? userName,
    primaryAddress: primary.toLowerCase(),
    aliases,
  };
  const attrsHash = createHash('sha1')
    .update(JSON.stringify([identity.userName, identity.displayName, identity.primaryAddress, aliases]))
    .digest('hex');
  return { ...identity, attrsHash };
}

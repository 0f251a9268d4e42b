import { IsBoolean, IsIn, IsUrl, MaxLength } from 'class-validator';
import { OptionalField } from '../validation/safe-text';

/** Directory read access: least privilege by default; the seed's `Directory.Read.All` as an option. */
export const DIRECTORY_ACCESS = ['least-privilege', 'directory-read-all'] as const;
export type DirectoryAccess = (typeof DIRECTORY_ACCESS)[number];

/** Mailbox access: Graph mail permissions (`Mail.Read`, `MailboxItem.Export.All`) or none. */
export const MAIL_ACCESS = ['graph', 'none'] as const;
export type MailAccess = (typeof MAIL_ACCESS)[number];

/** What the app registration must allow; every field has the least-privilege default. */
export class SetupOptions {
  /**
   * `least-privilege` (default): `User.Read.All` + `GroupMember.Read.All`; `directory-read-all`: the seed's.
   * `Place.Read.All` is asked for either way (rooms are told apart from shared mailboxes).
   */
  @OptionalField()
  @IsIn(DIRECTORY_ACCESS, { message: 'directoryAccess must be least-privilege or directory-read-all' })
  directoryAccess?: DirectoryAccess;

  /** `graph` (default): `Mail.Read` and `MailboxItem.Export.All`, scoped in Exchange; `none`: no mailbox access. */
  @OptionalField()
  @IsIn(MAIL_ACCESS, { message: 'mailAccess must be graph or none' })
  mailAccess?: MailAccess;

  /**
   * Legacy: Exchange `full_access_as_app` for EWS. Exchange Online blocks EWS since 1 October 2026 unless
   * the tenant allows the app, and switches it off on 1 April 2027. Off unless chosen explicitly.
   */
  @OptionalField()
  @IsBoolean({ message: 'legacyEws must be true or false' })
  legacyEws?: boolean;

  /** ID tokens from the authorize endpoint (the implicit/hybrid sign-in flow). Default true. */
  @OptionalField()
  @IsBoolean({ message: 'idTokens must be true or false' })
  idTokens?: boolean;

  /** Origin of the Outlook add-in, when the instance uses it (nested app authentication). */
  @OptionalField()
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false, allow_query_components: false },
    { message: 'addInOrigin must be the https origin of the Outlook add-in, e.g. https://addin.example.net' },
  )
  @MaxLength(300)
  addInOrigin?: string;
}

/** The options with their defaults applied. */
export interface EffectiveSetupOptions {
  directoryAccess: DirectoryAccess;
  mailAccess: MailAccess;
  legacyEws: boolean;
  idTokens: boolean;
  addInOrigin?: string;
}

export function effectiveSetupOptions(options: SetupOptions | undefined): EffectiveSetupOptions {
  return {
    directoryAccess: options?.directoryAccess ?? 'least-privilege',
    mailAccess: options?.mailAccess ?? 'graph',
    legacyEws: options?.legacyEws ?? false,
    idTokens: options?.idTokens ?? true,
    ...(options?.addInOrigin ? { addInOrigin: options.addInOrigin.replace(/\/+$/, '') } : {}),
  };
}

import { useEffect, useState } from 'react';
import { call, ProblemError } from './api/api';
import { signInSettingsConfigure, signInSettingsGet } from './api/generated/sdk.gen';
import type { SignInSettingsView } from './api/views';
import { CopyButton, ProblemBox, Section, useAction } from './ui';

async function currentSettings(alias: string): Promise<SignInSettingsView | null> {
  try {
    return await call<SignInSettingsView>(signInSettingsGet({ path: { alias } }));
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status === 404) return null; // not turned on yet
    throw error;
  }
}

/**
 * How the archive users sign in with their Microsoft 365 account: the credential the gateway proves
 * itself with, the flow, and the addresses to register on the app registration and to hand out.
 */
export function ArchiveSignIn({
  alias,
  credentials,
}: {
  alias: string;
  credentials: { id: string; name: string }[];
}) {
  const action = useAction();
  const [settings, setSettings] = useState<SignInSettingsView | null>(null);
  const [credentialId, setCredentialId] = useState('');
  const [responseType, setResponseType] = useState<'code' | 'id_token'>('code');

  useEffect(() => {
    void action.run(async () => {
      const current = await currentSettings(alias);
      setSettings(current);
      if (current) {
        setCredentialId(current.credentialId);
        setResponseType(current.responseType);
      }
    });
  }, [alias]);
  const chosen = credentialId || credentials[0]?.id || '';

  return (
    <Section title="Archive sign-in">
      <p>Archive users sign in with their Microsoft 365 account; only synchronized users are let in.</p>
      <ProblemBox problem={action.problem} />
      <form
        className="grid"
        aria-label="Sign-in settings"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () =>
            setSettings(
              await call<SignInSettingsView>(
                signInSettingsConfigure({ path: { alias }, body: { credentialId: chosen, responseType } }),
              ),
            ),
          );
        }}
      >
        <label htmlFor="sign-in-credential">Credential of the app registration</label>
        <select id="sign-in-credential" value={chosen} onChange={(e) => setCredentialId(e.target.value)}>
          {credentials.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name}
            </option>
          ))}
        </select>
        <label htmlFor="sign-in-flow">Flow</label>
        <select
          id="sign-in-flow"
          value={responseType}
          onChange={(e) => setResponseType(e.target.value as 'code' | 'id_token')}
        >
          <option value="code">Authorization code with PKCE (recommended)</option>
          <option value="id_token">ID token (form post)</option>
        </select>
        <button type="submit" disabled={action.busy || !chosen}>
          Save sign-in settings
        </button>
      </form>
      {settings && (
        <dl>
          <dt>Redirect URI (Web) to register</dt>
          <dd>
            <code>{settings.redirectUri}</code>{' '}
            <CopyButton text={settings.redirectUri} label="Copy redirect URI" />
          </dd>
          <dt>Users sign in at</dt>
          <dd>
            <a href={new URL('login', settings.redirectUri).href}>
              {new URL('login', settings.redirectUri).href}
            </a>
          </dd>
          <dt>Outlook add-in manifest</dt>
          <dd>
            <code>{settings.addinManifestUrl}</code>
          </dd>
        </dl>
      )}
    </Section>
  );
}

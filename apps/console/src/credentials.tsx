import { useState } from 'react';
import { call } from './api/api';
import {
  credentialsAssignToSync,
  credentialsCertificate,
  credentialsCreate,
  credentialsList,
  credentialsTest,
} from './api/generated/sdk.gen';
import type { CredentialTestReply, CredentialView, Page } from './api/views';
import { countdown, ProblemBox, Section, useAction, useLoad } from './ui';

/** Saves the downloaded certificate through a Blob link (the API needs the token header, a plain link would not send it). */
function saveFile(file: Blob, fileName: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function Credentials({ alias, onChange }: { alias: string; onChange: (ids: string[]) => void }) {
  const list = useLoad(async () => {
    const page = await call<Page<CredentialView>>(credentialsList({ path: { alias } }));
    onChange(page.items.map((credential) => credential.id));
    return page;
  }, [alias]);
  const action = useAction();
  const [tested, setTested] = useState<Record<string, CredentialTestReply>>({});
  const [syncing, setSyncing] = useState<string | null>(null);
  const [fields, setFields] = useState({ name: '', clientId: '', tenantId: '' });
  const set = (name: keyof typeof fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields({ ...fields, [name]: event.target.value });

  return (
    <Section title="Credentials">
      <ProblemBox problem={list.problem} />
      <ProblemBox problem={action.problem} />
      {list.data?.items.length === 0 && <p>No credential yet: create one with a generated certificate.</p>}
      {list.data?.items.map((credential) => (
        <div className="card" key={credential.id} data-credential={credential.id}>
          <h3>{credential.name}</h3>
          <dl>
            <dt>Application (client) ID</dt>
            <dd>{credential.clientId}</dd>
            <dt>Tenant ID</dt>
            <dd>{credential.tenantId}</dd>
            <dt>Thumbprint (SHA-1)</dt>
            <dd className="mono">{credential.activeCertificate.thumbprintSha1}</dd>
            <dt>Thumbprint (SHA-256)</dt>
            <dd className="mono">{credential.activeCertificate.thumbprintSha256}</dd>
            <dt>Certificate</dt>
            <dd>
              {countdown(credential.activeCertificate.notAfter)} (
              {new Date(credential.activeCertificate.notAfter).toLocaleDateString()})
            </dd>
          </dl>
          <button
            type="button"
            onClick={() =>
              void action.run(async () =>
                saveFile(
                  await call<Blob>(
                    credentialsCertificate({
                      path: { id: credential.id },
                      query: { format: 'der' },
                      parseAs: 'blob',
                    }),
                  ),
                  `${credential.name.replace(/[^\w.-]+/g, '-')}.cer`,
                ),
              )
            }
          >
            Download .cer
          </button>{' '}
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                const reply = await call<CredentialTestReply>(
                  credentialsTest({ path: { id: credential.id } }),
                );
                setTested({ ...tested, [credential.id]: reply });
              })
            }
          >
            Test credential
          </button>{' '}
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                await call(
                  credentialsAssignToSync({ path: { alias }, body: { credentialId: credential.id } }),
                );
                setSyncing(credential.id);
              })
            }
          >
            Use for directory sync
          </button>
          {syncing === credential.id && (
            <p role="status">Directory sync reads the directory with this credential.</p>
          )}
          {tested[credential.id] && (
            <div className="ok" role="status">
              A token was issued. Permissions: {tested[credential.id].roles.join(', ') || 'none yet'}.
              {tested[credential.id].warnings?.map((warning) => (
                <p key={warning.message}>
                  {warning.message} {warning.hint}
                </p>
              ))}
            </div>
          )}
        </div>
      ))}
      <h3>New credential</h3>
      <form
        className="grid"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            await call(credentialsCreate({ path: { alias }, body: { ...fields, certificate: {} } }));
            setFields({ name: '', clientId: '', tenantId: '' });
            list.reload();
          });
        }}
      >
        <label htmlFor="credential-name">Name</label>
        <input id="credential-name" required value={fields.name} onChange={set('name')} />
        <label htmlFor="credential-client">Application (client) ID</label>
        <input id="credential-client" required value={fields.clientId} onChange={set('clientId')} />
        <label htmlFor="credential-tenant">Tenant ID</label>
        <input id="credential-tenant" required value={fields.tenantId} onChange={set('tenantId')} />
        <button type="submit" disabled={action.busy}>
          Create with a generated certificate
        </button>
      </form>
    </Section>
  );
}

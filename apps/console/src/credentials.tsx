import { useState } from 'react';
import { call } from './api/api';
import {
  credentialsAssignToSync,
  credentialsCertificate,
  credentialsCreate,
  credentialsList,
  credentialsTest,
} from './api/generated/sdk.gen';
import type { CredentialTestReply, CredentialView, Page, RenewalView } from './api/views';
import { CredentialFieldInputs, EMPTY_CREDENTIAL_FIELDS } from './credential-fields';
import { CredentialImport } from './credential-import';
import { CredentialRenewal, renewalSummary } from './credential-renewal';
import { CredentialRotation } from './credential-rotation';
import { saveFile } from './save-file';
import { countdown, ProblemBox, Section, useAction, useLoad } from './ui';

export function Credentials({
  alias,
  version,
  onChange,
}: {
  alias: string;
  /** Changes when credentials were made elsewhere on the page (an automatic setup). */
  version: number;
  onChange: (credentials: { id: string; name: string }[]) => void;
}) {
  const list = useLoad(async () => {
    const page = await call<Page<CredentialView>>(credentialsList({ path: { alias } }));
    onChange(page.items.map(({ id, name }) => ({ id, name })));
    return page;
  }, [alias, version]);
  const action = useAction();
  const [tested, setTested] = useState<Record<string, CredentialTestReply>>({});
  const [syncing, setSyncing] = useState<string | null>(null);
  const [renewals, setRenewals] = useState<Record<string, RenewalView | null>>({});
  const [fields, setFields] = useState(EMPTY_CREDENTIAL_FIELDS);

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
              {new Date(credential.activeCertificate.notAfter).toLocaleDateString()}),{' '}
              {renewalSummary(renewals[credential.id] ?? null)}
            </dd>
          </dl>
          <table aria-label={`Certificates of ${credential.name}`}>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Source</th>
                <th scope="col">SHA-1</th>
                <th scope="col">Valid until</th>
              </tr>
            </thead>
            <tbody>
              {credential.certificates.map((certificate) => (
                <tr key={certificate.id}>
                  <td>{certificate.state}</td>
                  <td>{certificate.source}</td>
                  <td className="mono">{certificate.thumbprintSha1}</td>
                  <td>{new Date(certificate.notAfter).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <div className="columns">
            <CredentialRenewal
              credential={credential}
              onRenewal={(renewal) => setRenewals((all) => ({ ...all, [credential.id]: renewal }))}
              onDone={list.reload}
            />
            <CredentialRotation credential={credential} onChange={list.reload} />
          </div>
        </div>
      ))}
      <h3>New credential</h3>
      <form
        aria-label="New credential"
        className="grid"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            await call(credentialsCreate({ path: { alias }, body: { ...fields, certificate: {} } }));
            setFields(EMPTY_CREDENTIAL_FIELDS);
            list.reload();
          });
        }}
      >
        <CredentialFieldInputs idPrefix="credential" fields={fields} onChange={setFields} />
        <button type="submit" disabled={action.busy}>
          Create with a generated certificate
        </button>
      </form>
      <h3>Import an existing certificate</h3>
      <CredentialImport alias={alias} onImported={list.reload} />
    </Section>
  );
}

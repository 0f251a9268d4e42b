import { useState } from 'react';
import { call } from './api/api';
import { credentialsImport } from './api/generated/sdk.gen';
import { CredentialFieldInputs, EMPTY_CREDENTIAL_FIELDS } from './credential-fields';
import { ProblemBox, useAction } from './ui';

type ImportBody = Parameters<typeof credentialsImport>[0]['body'];

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const PEM_KEY = /-----BEGIN ((?:ENCRYPTED |RSA |EC )?PRIVATE KEY)-----[\s\S]+?-----END \1-----/;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/**
 * What the API's import takes, from the chosen file: a PFX (PKCS #12) as base64 with its password,
 * or PEM text holding the certificate and its private key (encrypted or not). The file is read in the
 * browser and sent to the API only, which seals the key material to the credentials service.
 */
async function sourceOf(file: File, password: string): Promise<Partial<ImportBody>> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  if (!text.includes('-----BEGIN')) return { pfxBase64: base64Of(bytes), pfxPassword: password || undefined };
  return {
    certificatePem: (text.match(PEM_CERTIFICATE) ?? []).join('\n') || undefined,
    privateKeyPem: text.match(PEM_KEY)?.[0],
    privateKeyPassphrase: password || undefined,
  };
}

/** Import of an existing certificate (one already on the app registration) instead of a generated one. */
export function CredentialImport({ alias, onImported }: { alias: string; onImported: () => void }) {
  const action = useAction();
  const [fields, setFields] = useState(EMPTY_CREDENTIAL_FIELDS);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [form, setForm] = useState(0); // a new key clears the file input after an import

  return (
    <form
      key={form}
      className="grid"
      aria-label="Import a certificate"
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return;
        void action.run(async () => {
          const body = { ...fields, ...(await sourceOf(file, password)) } as ImportBody;
          await call(credentialsImport({ path: { alias }, body }));
          setFields(EMPTY_CREDENTIAL_FIELDS);
          setPassword('');
          setFile(null);
          setForm((n) => n + 1);
          onImported();
        });
      }}
    >
      <ProblemBox problem={action.problem} />
      <CredentialFieldInputs idPrefix="import" fields={fields} onChange={setFields} />
      <label htmlFor="import-file">Certificate file (.pfx, or .pem with its key)</label>
      <input
        id="import-file"
        type="file"
        required
        accept=".pfx,.p12,.pem"
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
      />
      <label htmlFor="import-password">Password of the file or key</label>
      <input
        id="import-password"
        type="password"
        autoComplete="off"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <button type="submit" disabled={action.busy}>
        Import certificate
      </button>
    </form>
  );
}

import type { CredentialView } from '@archive365/contracts';

/** A credential as the credentials service describes it, with one active certificate. */
export function credentialView(
  owner: CredentialView['owner'],
  fields: { id?: string; name?: string; clientId?: string } = {},
): CredentialView {
  const id = fields.id ?? 'credential-1';
  const certificate = {
    id: `${id}-c`,
    state: 'active' as const,
    source: 'generated' as const,
    subject: 'CN=x',
    keySize: 2048,
    thumbprintSha1: 'AA',
    thumbprintSha256: 'BB',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
  };
  return {
    id,
    owner,
    ...(owner === 'instance' ? { instanceAlias: 'contoso' } : {}),
    name: fields.name ?? 'app',
    clientId: fields.clientId ?? '7e8f9a0b-1c2d-4e3f-8a4b-5c6d7e8f9a01',
    tenantId: 'hosting.example',
    createdAt: certificate.notBefore,
    updatedAt: certificate.notBefore,
    activeCertificate: certificate,
    certificates: [certificate],
  };
}

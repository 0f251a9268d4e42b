import { certificateDer } from '../../tls/pem';
import { buildCertificate } from '../../tls/x509-builder';
import { GraphError } from '../core/graph-error';
import { replaceKeyCredentials } from './key-credentials';

describe('replaceKeyCredentials', () => {
  const der = certificateDer(buildCertificate({ commonName: 'unit', validDays: 30 }).certPem).toString(
    'base64',
  );
  const farFuture = new Date(Date.now() + 400 * 86_400_000).toISOString();

  it('derives dates and thumbprint from a new certificate and rejects dates outside its validity', () => {
    const [created] = replaceKeyCredentials([{ type: 'AsymmetricX509Cert', usage: 'Verify', key: der }], []);
    expect(created.keyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Buffer.from(created.customKeyIdentifier ?? '', 'base64')).toHaveLength(20);
    expect(() =>
      replaceKeyCredentials(
        [{ type: 'AsymmetricX509Cert', usage: 'Verify', key: der, endDateTime: farFuture }],
        [],
      ),
    ).toThrow(GraphError);
  });

  it('keeps an existing credential written back as read, even with dates the fixture chose', () => {
    const existing = [
      {
        keyId: '0a0a0a0a-0000-4000-8000-000000000001',
        key: der,
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        startDateTime: '2020-01-01T00:00:00.000Z',
        endDateTime: farFuture,
      },
    ];
    const [kept] = replaceKeyCredentials([{ ...existing[0], key: null }], existing);
    expect(kept).toMatchObject({ keyId: existing[0].keyId, key: der, endDateTime: farFuture });
  });

  it('names the entry and what to send when a key is missing or not a certificate', () => {
    expect(() => replaceKeyCredentials([{ type: 'AsymmetricX509Cert', usage: 'Verify' }], [])).toThrow(
      /keyCredentials\[0\]\.key.*needs the base64-encoded certificate/,
    );
    expect(() => replaceKeyCredentials([{ type: 'Symmetric', usage: 'Verify', key: der }], [])).toThrow(
      /'AsymmetricX509Cert'/,
    );
    expect(() => replaceKeyCredentials('nope', [])).toThrow(/expected an array/);
  });
});

import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalCa } from './local-ca';
import { issueServerCertificate } from './server-certificate';
import { spkiSha256Base64 } from './pem';

describe('local CA and server certificate', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'emulator-ca-spec-'));
  const ca = loadOrCreateLocalCa(stateDir);

  it('creates a CA once and reuses it from the state directory', () => {
    const again = loadOrCreateLocalCa(stateDir);
    expect(again.certPem).toBe(ca.certPem);
    expect(again.certPath).toBe(join(stateDir, 'emulator-ca.pem'));
    expect(new X509Certificate(ca.certPem).ca).toBe(true);
    // The private key is readable by the owner only.
    expect(statSync(join(stateDir, 'emulator-ca.key-and-cert.pem')).mode & 0o077).toBe(0);
    expect(readFileSync(ca.certPath, 'utf8')).toBe(ca.certPem);
    expect(readFileSync(ca.certPath, 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('issues a server certificate signed by the CA for localhost, loopback and extra names', () => {
    const server = issueServerCertificate(ca, ['Emulator.Internal']);
    const leaf = new X509Certificate(server.certPem);
    expect(leaf.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(leaf.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(leaf.checkHost('emulator.internal')).toBe('emulator.internal');
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBe('::1');
    expect(leaf.checkHost('evil.example')).toBeUndefined();
    expect(server.spkiSha256).toBe(spkiSha256Base64(server.certPem));
  });

  it('gives every CA its own subject name, so two trusted emulator CAs never shadow each other', () => {
    const other = loadOrCreateLocalCa(mkdtempSync(join(tmpdir(), 'emulator-ca-spec-')));
    expect(new X509Certificate(other.certPem).subject).not.toBe(new X509Certificate(ca.certPem).subject);
  });

  it('refuses a damaged CA file with a message saying how to recover', () => {
    const damaged = mkdtempSync(join(tmpdir(), 'emulator-ca-spec-'));
    writeFileSync(join(damaged, 'emulator-ca.key-and-cert.pem'), 'garbage');
    expect(() => loadOrCreateLocalCa(damaged)).toThrow(/damaged: delete the state directory/);
  });
});

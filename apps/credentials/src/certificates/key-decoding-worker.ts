import { Worker } from 'node:worker_threads';
import { CredentialsError, CredentialsErrorCode } from '../errors';

/** What a worker decodes: an encrypted PEM key with its passphrase, or a PFX with its password. */
export type DecodingJob =
  { kind: 'pem'; pem: string; passphrase: string } | { kind: 'pfx'; pfx: Uint8Array; password: string };

export type DecodingResult =
  | { ok: true; kind: 'pem'; pkcs8: Uint8Array }
  | { ok: true; kind: 'pfx'; keys: (Uint8Array | null)[]; certificates: (Uint8Array | null)[] }
  | { ok: false; reason: 'wrong-password' | 'unreadable' };

/** How long decoding one key may take before the import is refused (the worker is stopped). */
export const DEFAULT_DECODING_TIMEOUT_MS = 10_000;
/** Imports decoded at once; more wait their turn, so imports cannot take every core. */
const MAX_CONCURRENT_WORKERS = 2;

/*
 * The worker's code, as plain JavaScript evaluated in the worker: it must run from the built bundle
 * and under the test runner alike, so it cannot be a TypeScript file of its own. It decrypts with
 * OpenSSL (PEM) or node-forge (PFX) and sends back only DER: the key, unencrypted, never leaves the
 * process. node-forge is resolved from the places the service itself was started from.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const crypto = require('node:crypto');
const { job, resolveFrom } = workerData;
function load(name) {
  for (const from of resolveFrom) {
    try { return createRequire(from)(name); } catch {}
  }
  throw new Error('cannot load ' + name);
}
function pem() {
  try {
    const key = crypto.createPrivateKey({ key: job.pem, format: 'pem', passphrase: job.passphrase });
    return { ok: true, kind: 'pem', pkcs8: key.export({ type: 'pkcs8', format: 'der' }) };
  } catch {
    return { ok: false, reason: 'wrong-password' };
  }
}
function pfx() {
  const forge = load('node-forge');
  let p12;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(job.pfx).toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, job.password);
  } catch (error) {
    const wrong = error instanceof Error && /MAC could not be verified|Invalid password/i.test(error.message);
    return { ok: false, reason: wrong ? 'wrong-password' : 'unreadable' };
  }
  const bags = (type) => p12.getBags({ bagType: type })[type] || [];
  const der = (asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  const keys = [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag].flatMap(bags).map((bag) => {
    try {
      if (bag.key) return crypto.createPrivateKey(forge.pki.privateKeyToPem(bag.key)).export({ type: 'pkcs8', format: 'der' });
      if (bag.asn1) return der(bag.asn1);
    } catch {}
    return null;
  });
  const certificates = bags(forge.pki.oids.certBag).map((bag) =>
    bag.cert ? der(forge.pki.certificateToAsn1(bag.cert)) : bag.asn1 ? der(bag.asn1) : null,
  );
  return { ok: true, kind: 'pfx', keys, certificates };
}
parentPort.postMessage(job.kind === 'pem' ? pem() : pfx());
`;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Decodes a key in a worker thread, so that the service keeps answering while it runs, and stops
 * the worker after `timeoutMs` (a file that asks for minutes of work is refused, not waited for).
 */
export async function decodeOffThread(
  job: DecodingJob,
  timeoutMs = DEFAULT_DECODING_TIMEOUT_MS,
): Promise<DecodingResult> {
  if (running >= MAX_CONCURRENT_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await runWorker(job, timeoutMs);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function runWorker(job: DecodingJob, timeoutMs: number): Promise<DecodingResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { job, resolveFrom: resolvePlaces() },
      // A decoding job needs little memory; a file that asks for much is refused by the limit.
      resourceLimits: { maxOldGenerationSizeMb: 128 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new CredentialsError(
          CredentialsErrorCode.ImportTooExpensive,
          `Decoding the key took longer than ${timeoutMs / 1000} s and was stopped; export the file again with standard settings.`,
        ),
      );
    }, timeoutMs);
    worker.once('message', (result: DecodingResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve({ ok: false, reason: 'unreadable' });
    });
  });
}

/** Where the worker looks for node-forge: beside the started script (the bundle), else the working directory. */
function resolvePlaces(): string[] {
  return [process.argv[1], `${process.cwd()}/`].filter((place): place is string => Boolean(place));
}

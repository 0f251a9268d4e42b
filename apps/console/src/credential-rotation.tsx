import { call } from './api/api';
import {
  credentialsAbortRotation,
  credentialsCertificate,
  credentialsCompleteRotation,
  credentialsRetire,
  credentialsStartRotation,
} from './api/generated/sdk.gen';
import type { CredentialView } from './api/views';
import { saveFile } from './save-file';
import { ProblemBox, useAction } from './ui';

/**
 * Manual rotation, for an app registration the platform does not manage: a new certificate waits
 * (pending) while its `.cer` is uploaded to the app registration, becomes the one in use, and the old
 * one is retired once removed there. Each step is a button that appears when it can be taken.
 */
export function CredentialRotation({
  credential,
  onChange,
}: {
  credential: CredentialView;
  onChange: () => void;
}) {
  const action = useAction();
  const pending = credential.certificates.find((certificate) => certificate.state === 'pending');
  const retiring = credential.certificates.find((certificate) => certificate.state === 'retiring');
  const step = (write: () => Promise<unknown>) =>
    void action.run(async () => {
      await write();
      onChange();
    });
  const path = { id: credential.id };

  return (
    <div className="rotation">
      <h4>Manual rotation</h4>
      <ProblemBox problem={action.problem} />
      {!pending && !retiring && (
        <>
          <p>Makes a new certificate that waits until you have uploaded it to the app registration.</p>
          <button
            type="button"
            disabled={action.busy}
            onClick={() => step(() => call(credentialsStartRotation({ path, body: {} })))}
          >
            Start rotation
          </button>
        </>
      )}
      {pending && (
        <>
          <p role="status">
            New certificate waiting, thumbprint (SHA-1) <span className="mono">{pending.thumbprintSha1}</span>
            : upload its <code>.cer</code> to the app registration, then switch.
          </p>
          <button
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () =>
                saveFile(
                  await call<Blob>(
                    credentialsCertificate({
                      path,
                      query: { format: 'der', which: 'pending' },
                      parseAs: 'blob',
                    }),
                  ),
                  `${credential.name.replace(/[^\w.-]+/g, '-')}-new.cer`,
                ),
              )
            }
          >
            Download new .cer
          </button>{' '}
          <button
            type="button"
            disabled={action.busy}
            onClick={() => step(() => call(credentialsCompleteRotation({ path })))}
          >
            Switch to the new certificate
          </button>{' '}
          <button
            type="button"
            disabled={action.busy}
            onClick={() => step(() => call(credentialsAbortRotation({ path })))}
          >
            Abort rotation
          </button>
        </>
      )}
      {retiring && (
        <>
          <p role="status">
            The old certificate (<span className="mono">{retiring.thumbprintSha1}</span>) is no longer used:
            remove it from the app registration, then retire it here.
          </p>
          <button
            type="button"
            disabled={action.busy}
            onClick={() => step(() => call(credentialsRetire({ path })))}
          >
            Retire old certificate
          </button>
        </>
      )}
    </div>
  );
}

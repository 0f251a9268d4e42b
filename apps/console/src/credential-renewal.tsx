import { useEffect, useState } from 'react';
import { call, ProblemError } from './api/api';
import { setupRenew, setupRenewal } from './api/generated/sdk.gen';
import type { CredentialView, RenewalView } from './api/views';
import { ProblemBox, useAction } from './ui';

const POLL_MS = 1000;

/** The renewal steps, in the order the provisioning service runs them. */
const RENEWAL_STEPS: readonly (readonly [Exclude<RenewalView['step'], 'done'>, string])[] = [
  ['create-certificate', 'Create a new certificate'],
  ['add-key', 'Add it to the app registration'],
  ['prove-and-switch', 'Get a token with it, then use it'],
  ['remove-old-key', 'Remove the old key from the app registration'],
  ['retire-old-certificate', 'Retire the old certificate'],
] as const;

/** The credential's latest renewal, or null when it never had one (the API answers 404 then). */
async function latestRenewal(credentialId: string): Promise<RenewalView | null> {
  try {
    return await call<RenewalView>(setupRenewal({ path: { id: credentialId } }));
  } catch (error) {
    if (error instanceof ProblemError && error.problem.status === 404) return null;
    throw error;
  }
}

/** One line for the card's expiry: what renewal is doing about it. */
export function renewalSummary(renewal: RenewalView | null): string {
  if (!renewal) return 'renewed automatically 60 days before expiry';
  if (renewal.state === 'running') return `renewal running: ${stepTitle(renewal.step)}`;
  if (renewal.state === 'failed') return `renewal failed at: ${stepTitle(renewal.step)}`;
  return `renewed on ${new Date(renewal.finishedAt ?? renewal.startedAt).toLocaleDateString()}`;
}

function stepTitle(step: RenewalView['step']): string {
  return RENEWAL_STEPS.find(([name]) => name === step)?.[1] ?? 'done';
}

function stepState(renewal: RenewalView, index: number): 'done' | 'running' | 'failed' | 'pending' {
  const current =
    renewal.step === 'done' ? RENEWAL_STEPS.length : RENEWAL_STEPS.findIndex(([n]) => n === renewal.step);
  if (index < current) return 'done';
  if (index > current) return 'pending';
  return renewal.state === 'failed' ? 'failed' : 'running';
}

const STEP_MARK = { done: '✓', running: '…', failed: '✗', pending: '·' } as const;

/**
 * Renewal of the certificate on the app registration by the platform (a new key added with a proof,
 * a token with it, the old key removed): started here or 60 days before expiry, followed step by step.
 */
export function CredentialRenewal({
  credential,
  onRenewal,
  onDone,
}: {
  credential: CredentialView;
  onRenewal: (renewal: RenewalView | null) => void;
  onDone: () => void;
}) {
  const action = useAction();
  const [renewal, setRenewal] = useState<RenewalView | null>(null);
  const [objectId, setObjectId] = useState('');
  const show = (view: RenewalView | null) => {
    setRenewal(view);
    onRenewal(view);
  };

  useEffect(() => {
    void action.run(async () => show(await latestRenewal(credential.id)));
  }, [credential.id]);

  const objectIdField = `renewal-object-${credential.id}`;
  return (
    <div className="renewal">
      <h4>Renewal</h4>
      <ProblemBox problem={action.problem} />
      {renewal && (
        <>
          <p role="status">
            Renewal {renewal.state} (asked by {renewal.trigger === 'request' ? 'an administrator' : 'expiry'},{' '}
            {renewal.attempts} attempt{renewal.attempts === 1 ? '' : 's'})
          </p>
          <ol aria-label="Renewal steps" className="steps">
            {RENEWAL_STEPS.map(([name, title], index) => {
              const state = stepState(renewal, index);
              return (
                <li key={name} className={`step-${state}`}>
                  <span aria-hidden="true">{STEP_MARK[state]}</span> {title}{' '}
                  <span className="visually-hidden">({state})</span>
                </li>
              );
            })}
          </ol>
          {renewal.problem && (
            <ProblemBox
              problem={{
                title: renewal.problem.message,
                reason: renewal.problem.code,
                hint: renewal.problem.fix,
              }}
            />
          )}
        </>
      )}
      <form
        className="inline"
        aria-label={`Renew ${credential.name}`}
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            let view = await call<RenewalView>(
              setupRenew({
                path: { id: credential.id },
                body: objectId ? { applicationObjectId: objectId } : {},
              }),
            );
            show(view);
            while (view.state === 'running') {
              await new Promise((resolve) => setTimeout(resolve, POLL_MS));
              view = (await latestRenewal(credential.id)) ?? view;
              show(view);
            }
            onDone();
          });
        }}
      >
        <label htmlFor={objectIdField}>App registration Object ID (when not set up here)</label>
        <input
          id={objectIdField}
          value={objectId}
          onChange={(event) => setObjectId(event.target.value.trim())}
          placeholder="optional"
        />
        <button type="submit" disabled={action.busy || renewal?.state === 'running'}>
          Renew now
        </button>
      </form>
    </div>
  );
}

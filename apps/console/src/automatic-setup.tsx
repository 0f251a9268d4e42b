import { useState } from 'react';
import { call } from './api/api';
import { setupAutomatic, setupGet } from './api/generated/sdk.gen';
import type { SetupView } from './api/views';
import { CopyButton, ProblemBox, useAction } from './ui';

const POLL_MS = 1000;
/** States a setup waits in for someone outside the console, or goes on in by itself. */
const UNDER_WAY = new Set<SetupView['state']>(['running', 'waiting-for-sign-in']);
const STEP_MARK = { pending: '·', done: '✓', failed: '✗', skipped: '–' } as const;

/**
 * Automatic setup: the customer's administrator signs in once with the device code shown here, then
 * the provisioning service creates (or repairs) the app registration; its steps show as they are done.
 */
export function AutomaticSetup({ alias, onDone }: { alias: string; onDone: () => void }) {
  const action = useAction();
  const [setup, setSetup] = useState<SetupView | null>(null);
  const [tenantId, setTenantId] = useState('');
  const [mailAccess, setMailAccess] = useState<'graph' | 'none'>('graph');

  return (
    <div className="card">
      <h3>Automatic setup</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            let view = await call<SetupView>(
              setupAutomatic({
                path: { alias },
                body: { ...(tenantId ? { tenantId } : {}), options: { mailAccess } },
              }),
            );
            setSetup(view);
            while (UNDER_WAY.has(view.state)) {
              await new Promise((resolve) => setTimeout(resolve, POLL_MS));
              view = await call<SetupView>(setupGet({ path: { alias } }));
              setSetup(view);
            }
            onDone();
          });
        }}
      >
        <label htmlFor="automatic-tenant">Tenant ID or domain (optional)</label>
        <input id="automatic-tenant" value={tenantId} onChange={(e) => setTenantId(e.target.value.trim())} />
        <label htmlFor="automatic-mail">Mail access</label>
        <select
          id="automatic-mail"
          value={mailAccess}
          onChange={(e) => setMailAccess(e.target.value as 'graph' | 'none')}
        >
          <option value="graph">Graph, archived mailboxes only</option>
          <option value="none">None (directory only)</option>
        </select>
        <button type="submit" disabled={action.busy}>
          Start automatic setup
        </button>
      </form>
      <ProblemBox problem={action.problem} />
      {setup?.signIn && setup.state === 'waiting-for-sign-in' && (
        <div className="device-code" role="status">
          <p>
            The customer's administrator opens{' '}
            <a href={setup.signIn.verificationUri} target="_blank" rel="noreferrer">
              {setup.signIn.verificationUri}
            </a>{' '}
            and enters the code
          </p>
          <p>
            <strong className="mono user-code">{setup.signIn.userCode}</strong>{' '}
            <CopyButton text={setup.signIn.userCode} label="Copy code" />
          </p>
          <p className="muted">
            Valid until {new Date(setup.signIn.expiresAt).toLocaleTimeString()}; this page follows the setup.
          </p>
        </div>
      )}
      {setup && (
        <>
          <p role="status">
            Setup {setup.state}
            {setup.graphWrites > 0 && <> ({setup.graphWrites} changes made in the tenant)</>}
          </p>
          {setup.steps.length > 0 && (
            <ol aria-label="Setup steps" className="steps">
              {setup.steps.map((step) => (
                <li key={step.name} className={`step-${step.state}`}>
                  <span aria-hidden="true">{STEP_MARK[step.state]}</span> {step.title}{' '}
                  <span className="visually-hidden">({step.state})</span>
                  {step.problem && (
                    <p>
                      {step.problem.message} <em>Fix: {step.problem.fix}</em>
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {setup.problem && (
            <ProblemBox
              problem={{ title: setup.problem.message, reason: setup.problem.code, hint: setup.problem.fix }}
            />
          )}
        </>
      )}
    </div>
  );
}

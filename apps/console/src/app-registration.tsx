import { useState } from 'react';
import { call } from './api/api';
import { setupConsent, setupDoctor, setupGuide } from './api/generated/sdk.gen';
import type { DoctorRunView, GuideView, SetupView } from './api/views';
import { AutomaticSetup } from './automatic-setup';
import { CopyButton, ProblemBox, Section, useAction } from './ui';

const OUTCOME_LABEL = { pass: 'OK', fail: 'Failed', warn: 'Warning', skip: 'Skipped' } as const;

/** The app registration: automatic setup, the consent link, the manual guide, and the doctor's checklist. */
export function AppRegistration({
  alias,
  credentialId,
  onSetupDone,
}: {
  alias: string;
  credentialId?: string;
  onSetupDone: () => void;
}) {
  const action = useAction();
  const [tenantId, setTenantId] = useState('');
  const [consent, setConsent] = useState<SetupView | null>(null);
  const [guide, setGuide] = useState<GuideView | null>(null);
  const [doctor, setDoctor] = useState<DoctorRunView | null>(null);

  return (
    <Section title="App registration">
      <ProblemBox problem={action.problem} />
      <div className="columns">
        <AutomaticSetup alias={alias} onDone={onSetupDone} />
        <div className="card">
          <h3>Consent link</h3>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void action.run(async () =>
                setConsent(await call<SetupView>(setupConsent({ path: { alias }, body: { tenantId } }))),
              );
            }}
          >
            <label htmlFor="consent-tenant">Customer's tenant ID</label>
            <input
              id="consent-tenant"
              required
              value={tenantId}
              onChange={(e) => setTenantId(e.target.value)}
            />
            <button type="submit" disabled={action.busy}>
              Make consent link
            </button>
          </form>
          {consent?.problem && (
            <ProblemBox
              problem={{
                title: consent.problem.message,
                reason: consent.problem.code,
                hint: consent.problem.fix,
              }}
            />
          )}
          {consent?.consentUrl && (
            <p>
              <a href={consent.consentUrl} className="break">
                {consent.consentUrl}
              </a>{' '}
              <CopyButton text={consent.consentUrl} label="Copy link" />
            </p>
          )}
        </div>
        <div className="card">
          <h3>Manual setup guide</h3>
          <button
            type="button"
            disabled={!credentialId || action.busy}
            onClick={() =>
              void action.run(async () =>
                setGuide(
                  await call<GuideView>(
                    setupGuide({ path: { alias }, query: { credentialId: credentialId ?? '' } }),
                  ),
                ),
              )
            }
          >
            Show the guide
          </button>
          {!credentialId && <p className="muted">Create a credential first.</p>}
          {guide && (
            <ol>
              {guide.steps.map((step) => (
                <li key={step.title}>
                  <strong>{step.title}</strong>
                  <p>{step.text}</p>
                  {step.values &&
                    Object.entries(step.values).map(([label, value]) => (
                      <p key={label}>
                        {label}: <code>{value}</code> <CopyButton text={value} label={`Copy ${label}`} />
                      </p>
                    ))}
                  {step.warning && <p className="warn">{step.warning}</p>}
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>
      <h3>Doctor</h3>
      <button
        type="button"
        disabled={!credentialId || action.busy}
        onClick={() =>
          void action.run(async () =>
            setDoctor(await call<DoctorRunView>(setupDoctor({ path: { alias }, body: { credentialId } }))),
          )
        }
      >
        Check the app registration
      </button>
      {doctor && (
        <ul className="checklist" aria-label="Doctor checklist">
          {doctor.checks.map((check) => (
            <li key={check.name} className={`check ${check.outcome}`}>
              <span className="badge">{OUTCOME_LABEL[check.outcome]}</span> <strong>{check.title}</strong>
              {check.detail !== check.problem?.message && <p>{check.detail}</p>}
              {check.problem && (
                <p>
                  {check.problem.message} <em>Fix: {check.problem.fix}</em>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

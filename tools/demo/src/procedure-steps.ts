import { approveDeviceCode } from '@archive365/entra-emulator';
import type { AdminApiClient } from './admin-api-client';
import type { Narrator } from './narrator';

interface SetupView {
  state: string;
  credentialId?: string;
  clientId?: string;
  tenantId?: string;
  signIn?: { userCode: string; verificationUri: string; message: string };
  steps: { title: string; state: string; changed: boolean }[];
  graphWrites: number;
  problem?: { code: string; message: string; fix: string };
}

interface DoctorRun {
  ok: boolean;
  checks: { title: string; outcome: string; detail: string; problem?: { message: string; fix: string } }[];
}

interface SyncRun {
  id: string;
  state: string;
  kind: string;
  usersRead: number;
  counts: Record<string, number>;
}

interface Page<T> {
  items: T[];
  total: number;
}

const OUTCOME_MARK: Record<string, string> = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' };

/**
 * The customer's app registration set up automatically: the customer's Global Administrator approves a
 * device code once (played in the emulator), the provisioning service writes the app through Graph.
 */
export async function automaticSetup(
  api: AdminApiClient,
  narrator: Narrator,
  customer: { label: string; domain: string; adminUpn: string; adminPassword: string },
): Promise<SetupView> {
  const started = await api.call<SetupView>(
    'POST',
    '/api/instances/contoso/setup/automatic',
    { tenantId: customer.domain, options: { mailAccess: 'none', directoryAccess: 'directory-read-all' } },
    201,
  );
  const signIn = started.body.signIn;
  if (!signIn) throw new Error(`the setup shows no device code (state ${started.body.state})`);
  narrator.say(`Microsoft's prompt: "${signIn.message}"`);
  narrator.explain(
    `The customer's Global Administrator (${customer.adminUpn} in ${customer.label}) signs in once with ` +
      'this code; the provisioning service then creates the app registration, its service principal, the ' +
      'certificate and the admin consent through Graph. Nobody copies a secret by hand.',
  );
  const approval = await approveDeviceCode({
    verificationUri: signIn.verificationUri,
    userCode: signIn.userCode,
    userPrincipalName: customer.adminUpn,
    password: customer.adminPassword,
  });
  if (approval.outcome !== 'approved') {
    throw new Error(`the device code was not approved: ${JSON.stringify(approval)}`);
  }
  narrator.say(`${customer.adminUpn} entered the code and signed in at Microsoft (the emulator)`);
  narrator.call('GET', '/api/instances/contoso/setup (until it ends)', 200);
  let seen = 0;
  for (;;) {
    const setup = await api.poll<SetupView>('/api/instances/contoso/setup');
    const done = setup.steps.filter((step) => step.state !== 'pending');
    for (const step of done.slice(seen)) {
      narrator.say(
        `${step.state === 'done' ? '+' : step.state === 'failed' ? '!' : ' '} ${step.title}${step.changed ? ' (written)' : ''}`,
      );
    }
    seen = done.length;
    if (setup.state === 'succeeded' || setup.state === 'failed' || setup.state === 'interrupted') {
      if (setup.state !== 'succeeded') {
        throw new Error(
          `the setup ${setup.state}: ${setup.problem?.message ?? ''} ${setup.problem?.fix ?? ''}`,
        );
      }
      narrator.say(`app registration ready: client ID ${setup.clientId}, ${setup.graphWrites} Graph writes`);
      return setup;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function doctor(api: AdminApiClient, narrator: Narrator, credentialId: string): Promise<void> {
  const run = await api.call<DoctorRun>(
    'POST',
    '/api/instances/contoso/doctor',
    { credentialId, options: { mailAccess: 'none', directoryAccess: 'directory-read-all' } },
    200,
  );
  for (const check of run.body.checks) {
    narrator.say(`[${OUTCOME_MARK[check.outcome] ?? check.outcome}] ${check.title}: ${check.detail}`);
    if (check.problem) narrator.say(`       fix: ${check.problem.fix}`);
  }
  narrator.say(run.body.ok ? 'every check passed' : 'some checks failed (see the fixes above)');
}

/** "Test settings": what a sync would do, the new users marked `+`. */
export async function preview(api: AdminApiClient, narrator: Narrator): Promise<number> {
  const started = await api.call<SyncRun>('POST', '/api/instances/contoso/sync/preview', undefined, 202);
  let run = started.body;
  await api.events(`/api/instances/contoso/sync/runs/${run.id}/events`, (_event, data) => {
    run = data as SyncRun;
  });
  narrator.say(
    `${run.usersRead} users read; would create ${run.counts['create']}, update ${run.counts['update']}, ` +
      `disable ${run.counts['disable']}, leave out ${run.counts['excluded']}`,
  );
  const plan = await api.get<Page<{ sign: string; userName: string; displayName: string }>>(
    `/api/instances/contoso/sync/runs/${run.id}/plan?action=create&limit=8`,
  );
  for (const item of plan.body.items)
    narrator.say(`${item.sign} ${item.userName.padEnd(44)} ${item.displayName}`);
  if (plan.body.total > plan.body.items.length) {
    narrator.say(
      `  ... and ${plan.body.total - plan.body.items.length} more (the plan is paged and filterable)`,
    );
  }
  const excluded = await api.get<Page<{ userName: string; reasons: string[] }>>(
    `/api/instances/contoso/sync/runs/${run.id}/plan?action=excluded&limit=1`,
  );
  const example = excluded.body.items[0];
  if (example) narrator.say(`left out, e.g. ${example.userName}: ${example.reasons.join('; ')}`);
  return run.counts['create'] ?? 0;
}

/** "Synchronize now", followed with Server-Sent Events and drawn as a progress bar. */
export async function synchronize(
  api: AdminApiClient,
  narrator: Narrator,
  expected: number,
): Promise<SyncRun> {
  const started = await api.call<SyncRun>('POST', '/api/instances/contoso/sync/runs', { kind: 'full' }, 202);
  const phases = ['reading', 'planned', 'applying', 'publishing', 'succeeded'];
  let run = started.body;
  await api.events(`/api/instances/contoso/sync/runs/${run.id}/events?intervalMs=250`, (_event, data) => {
    run = data as SyncRun;
    const phase = Math.max(0, phases.indexOf(run.state));
    narrator.progress(
      `${run.state.padEnd(10)} ${String(run.usersRead).padStart(4)} users read`,
      phase,
      phases.length - 1,
    );
  });
  if (run.state !== 'succeeded') throw new Error(`the run ended ${run.state}`);
  narrator.say(`created ${run.counts['create']} archive users (the preview said ${expected})`);
  return run;
}

export async function listArchives(api: AdminApiClient, narrator: Narrator): Promise<string | undefined> {
  const users = await api.get<Page<{ userName: string; primaryAddress: string; state: string }>>(
    '/api/instances/contoso/archive-users?limit=5',
  );
  for (const user of users.body.items) narrator.say(`${user.userName.padEnd(44)} ${user.state}`);
  narrator.say(`${users.body.total} archive users`);
  const archives = await api.get<Page<{ archiveId: string; primaryAddress: string }>>(
    '/api/instances/contoso/archives?limit=5',
  );
  for (const archive of archives.body.items)
    narrator.say(`archive ${archive.archiveId}  ${archive.primaryAddress}`);
  narrator.say(`${archives.body.total} archives, one per archive user`);
  return users.body.items[0]?.userName;
}

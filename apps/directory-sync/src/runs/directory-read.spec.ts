import { DirectoryReadError } from '../graph/directory-read.error';
import type { GraphSession } from '../graph/graph-session';
import type { PlanStagingRepository } from '../planning/plan-staging.repository';
import type { SyncProfile } from '../sync-profiles/sync-profile.entity';
import { DirectoryRead } from './directory-read';
import type { GroupStateRepository } from './group-state.repository';
import type { RunProgress } from './run-progress';
import type { SyncRunsRepository } from './sync-runs.repository';

const ROOMS = '/places/microsoft.graph.room';
const LATEST = '$deltatoken=latest';
const EXPIRED = 'https://graph.example/expired-delta';

/**
 * A session that holds the rooms and the latest delta link until both are asked (or 300 ms passed),
 * and answers an empty directory. Records what was asked, in order, and whether both were asked
 * before either was answered.
 */
function gatedSession() {
  const asked: string[] = [];
  let release: () => void = () => undefined;
  const bothAsked = new Promise<void>((resolve) => (release = resolve));
  const state = { asked, askedTogether: false, answered: false };
  const answer = async (url: string): Promise<unknown> => {
    asked.push(url);
    if (url.includes(ROOMS) || url.includes(LATEST)) {
      if (asked.some((u) => u.includes(ROOMS)) && asked.some((u) => u.includes(LATEST))) {
        state.askedTogether = !state.answered;
        release();
      }
      await Promise.race([bothAsked, new Promise((resolve) => setTimeout(resolve, 300))]);
      state.answered = true;
      return url.includes(ROOMS)
        ? { value: [{ emailAddress: 'room@contoso.example' }] }
        : { value: [], '@odata.deltaLink': 'https://graph.example/next-delta' };
    }
    if (url === EXPIRED) throw new DirectoryReadError('delta-expired', 'the delta link expired');
    return { value: [] };
  };
  const session = {
    tenantId: async () => 'tenant',
    get: answer,
    getBytes: async (url: string) => Buffer.from(JSON.stringify(await answer(url))),
  } as unknown as GraphSession;
  return { session, state };
}

describe('DirectoryRead.run', () => {
  const staging = {
    stageEncoded: async () => ({ unchanged: 0, excluded: 0, matched: 0 }),
    completeRead: async () => undefined,
    dropRun: async () => undefined,
  } as unknown as PlanStagingRepository;
  const runs = { recordRead: async () => undefined, update: async () => undefined };
  const read = new DirectoryRead(staging, runs as unknown as SyncRunsRepository, {} as GroupStateRepository);
  const progress = { report: () => false } as unknown as RunProgress;
  const profile = {
    instanceId: 'instance',
    userFilter: 'enabled',
    includeGuests: false,
    includeSharedMailboxes: true,
    includeRooms: false,
    includeDisabled: false,
    leaverAction: 'disable-login',
    deltaLink: null,
  } as unknown as SyncProfile;

  it('asks for the rooms and where tracking starts at once, and reads the users only after both', async () => {
    const { session, state } = gatedSession();

    const outcome = await read.run('run', 'full', profile, session, progress);

    expect(state.askedTogether).toBe(true);
    const users = state.asked.findIndex((url) => url.startsWith('/users?'));
    expect(users).toBe(2);
    expect(outcome).toMatchObject({ kind: 'full', nextDeltaLink: 'https://graph.example/next-delta' });
  });

  it('asks where tracking starts only once a delta could not be used', async () => {
    const { session, state } = gatedSession();

    const outcome = await read.run('run', 'delta', { ...profile, deltaLink: EXPIRED }, session, progress);

    const latest = state.asked.findIndex((url) => url.includes(LATEST));
    expect(latest).toBeGreaterThan(state.asked.indexOf(EXPIRED));
    expect(state.asked.filter((url) => url.includes(LATEST))).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: 'full', nextDeltaLink: 'https://graph.example/next-delta' });
    expect(outcome.note).toMatch(/delta link expired or was refused/);
  });
});

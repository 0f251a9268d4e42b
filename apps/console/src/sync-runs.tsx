import { useEffect, useState } from 'react';
import { call } from './api/api';
import { followRun, SETTLED, type Feed } from './api/follow-run';
import {
  directorySyncApprove,
  directorySyncPlan,
  directorySyncPreview,
  directorySyncReject,
  directorySyncResolveRecreated,
  directorySyncRuns,
  directorySyncSynchronize,
} from './api/generated/sdk.gen';
import type { Page, PlanItemView, SyncRunView } from './api/views';
import { ProblemBox, Section, useAction, useLoad } from './ui';

const PAGE = 50;
const SIGN_LABEL: Record<PlanItemView['sign'], string> = {
  '+': 'added',
  '~': 'changed',
  '-': 'removed',
  '=': 'unchanged',
  ' ': 'excluded',
  '?': 'recreated',
};
type Decision = 'link' | 'keep-apart';
type PlanAction = 'create' | 'update' | 'disable' | 'delete' | 'unchanged' | 'excluded' | 'recreated';

/** "Test settings": a preview run and its plan, page by page (the API pages, so 100,000 rows stay light). */
export function TestSettings({ alias, onDone }: { alias: string; onDone: () => void }) {
  const action = useAction();
  const [run, setRun] = useState<SyncRunView | null>(null);
  const [offset, setOffset] = useState(0);
  const [filter, setFilter] = useState<PlanAction | ''>('');
  const [plan, setPlan] = useState<Page<PlanItemView> | null>(null);
  const [decided, setDecided] = useState<Record<string, Decision>>({});
  const decide = (item: PlanItemView, decision: Decision) =>
    void action.run(async () => {
      await call(directorySyncResolveRecreated({ path: { alias, oid: item.oid }, body: { decision } }));
      setDecided((all) => ({ ...all, [item.oid]: decision }));
    });

  useEffect(() => {
    if (!run || run.state !== 'planned') return;
    void action.run(async () =>
      setPlan(
        await call<Page<PlanItemView>>(
          directorySyncPlan({
            path: { alias, runId: run.id },
            query: { limit: PAGE, offset, ...(filter ? { action: filter } : {}) },
          }),
        ),
      ),
    );
  }, [run, offset, filter, alias]);

  return (
    <Section title="Test settings">
      <p>
        Reads the directory with the saved settings and shows what a synchronization would do, changing
        nothing.
      </p>
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            setPlan(null);
            setOffset(0);
            const started = await call<SyncRunView>(directorySyncPreview({ path: { alias } }));
            setRun(started);
            setRun(await followRun(alias, started, setRun));
            onDone();
          })
        }
      >
        Test settings
      </button>
      <ProblemBox problem={action.problem} />
      {run && (
        <p role="status">
          Preview {run.state}: {run.usersRead} users read; {run.counts.create} to add, {run.counts.update} to
          change, {run.counts.disable + run.counts.delete} to remove, {run.counts.excluded} excluded.
          {run.counts.recreated > 0 && <> {run.counts.recreated} re-created, waiting for your decision.</>}
          {run.reason && <> {run.reason}</>}
        </p>
      )}
      {plan && (
        <>
          <label htmlFor="plan-filter">Show</label>{' '}
          <select
            id="plan-filter"
            value={filter}
            onChange={(e) => {
              setOffset(0);
              setFilter(e.target.value as PlanAction | '');
            }}
          >
            <option value="">every user</option>
            <option value="create">+ added</option>
            <option value="update">~ changed</option>
            <option value="disable">− disabled</option>
            <option value="delete">− deleted</option>
            <option value="unchanged">= unchanged</option>
            <option value="excluded">excluded</option>
            <option value="recreated">? re-created</option>
          </select>
          <table aria-label="Plan">
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">User</th>
                <th scope="col">Name</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {plan.items.map((item) => (
                <tr key={item.oid} className={`sign-${item.action}`}>
                  <td>
                    <span aria-hidden="true" className="sign">
                      {item.sign === '-' ? '−' : item.sign}
                    </span>
                    <span className="visually-hidden">{SIGN_LABEL[item.sign]}</span>
                  </td>
                  <td>{item.userName}</td>
                  <td>{item.displayName}</td>
                  <td>
                    {item.reasons.join('; ')}
                    {item.changes.map((change) => (
                      <div key={change.field} className="muted">
                        {change.field}: {change.from} → {change.to}
                      </div>
                    ))}
                    {item.action === 'recreated' && (
                      <RecreatedDecision
                        item={item}
                        decided={decided[item.oid]}
                        busy={action.busy}
                        onDecide={(decision) => decide(item, decision)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Plan pages" total={plan.total} offset={offset} onOffset={setOffset} />
        </>
      )}
    </Section>
  );
}

/**
 * A user deleted and re-created in the directory (same name, new object id) is never guessed: the
 * administrator links the new id to the old archive user and archive, or keeps the two apart.
 */
function RecreatedDecision({
  item,
  decided,
  busy,
  onDecide,
}: {
  item: PlanItemView;
  decided?: Decision;
  busy: boolean;
  onDecide: (decision: Decision) => void;
}) {
  if (decided)
    return (
      <div className="ok" role="status">
        {decided === 'link'
          ? `${item.userName} will keep the old archive from the next synchronization.`
          : `${item.userName} will get a new archive at the next synchronization; the old one is kept disabled.`}
      </div>
    );
  return (
    <div>
      <button type="button" disabled={busy} onClick={() => onDecide('link')}>
        Link {item.userName} to the old archive
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => onDecide('keep-apart')}>
        Keep {item.userName} apart
      </button>
    </div>
  );
}

export function Pager({
  label,
  total,
  offset,
  onOffset,
}: {
  label: string;
  total: number;
  offset: number;
  onOffset: (o: number) => void;
}) {
  return (
    <nav aria-label={label} className="pager">
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - PAGE))}>
        Previous
      </button>{' '}
      <span>
        {total === 0 ? 0 : offset + 1}–{Math.min(total, offset + PAGE)} of {total}
      </span>{' '}
      <button type="button" disabled={offset + PAGE >= total} onClick={() => onOffset(offset + PAGE)}>
        Next
      </button>
    </nav>
  );
}

/** "Synchronize now" with its progress, and the runs history (held runs approved or rejected here). */
export function SynchronizeNow({
  alias,
  version,
  onDone,
}: {
  alias: string;
  version: number;
  onDone: () => void;
}) {
  const action = useAction();
  const runs = useLoad(
    () => call<Page<SyncRunView>>(directorySyncRuns({ path: { alias }, query: { limit: 20 } })),
    [alias, version],
  );
  const [current, setCurrent] = useState<SyncRunView | null>(null);
  const [feed, setFeed] = useState<Feed | null>(null);
  const total = current ? Math.max(current.usersRead, 1) : 1;
  const done = current && SETTLED.has(current.state);

  const decide = (run: SyncRunView, approve: boolean) =>
    void action.run(async () => {
      const path = { alias, runId: run.id };
      await call(approve ? directorySyncApprove({ path }) : directorySyncReject({ path }));
      runs.reload();
    });

  return (
    <Section title="Synchronize now">
      <button
        type="button"
        disabled={action.busy}
        onClick={() =>
          void action.run(async () => {
            const started = await call<SyncRunView>(
              directorySyncSynchronize({ path: { alias }, body: { kind: 'full' } }),
            );
            setCurrent(started);
            setFeed(null);
            await followRun(alias, started, (run, how) => {
              setCurrent(run);
              setFeed(how);
            });
            runs.reload();
            onDone();
          })
        }
      >
        Synchronize now
      </button>
      <ProblemBox problem={action.problem} />
      {current && (
        <div role="status">
          <label htmlFor="sync-progress">Run {current.state}</label>{' '}
          <progress id="sync-progress" max={total} value={done ? total : undefined} /> {current.usersRead}{' '}
          users read
          {feed && (
            <span className="muted">
              {' '}
              ({feed === 'live' ? 'live from the API' : 'checked every half second'})
            </span>
          )}
          {current.reason && <p>{current.reason}</p>}
        </div>
      )}
      <h3>Runs</h3>
      <ProblemBox problem={runs.problem} />
      <table aria-label="Runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Read</th>
            <th scope="col">+ / ~ / −</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {runs.data?.items.map((run) => (
            <tr key={run.id}>
              <td>{new Date(run.startedAt).toLocaleString()}</td>
              <td>{run.kind}</td>
              <td>{run.state}</td>
              <td>{run.usersRead}</td>
              <td>
                {run.counts.create} / {run.counts.update} / {run.counts.disable + run.counts.delete}
              </td>
              <td>
                {run.reason}
                {run.state === 'held' && (
                  <>
                    {' '}
                    <button type="button" onClick={() => decide(run, true)}>
                      Approve
                    </button>{' '}
                    <button type="button" onClick={() => decide(run, false)}>
                      Reject
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

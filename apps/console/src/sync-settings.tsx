import { useEffect, useState } from 'react';
import { call } from './api/api';
import { directorySyncConfiguration, directorySyncConfigure } from './api/generated/sdk.gen';
import type { SyncConfigurationView } from './api/views';
import { GroupPicker } from './group-picker';
import { ProblemBox, Section, useAction, useLoad } from './ui';

/** The directory settings: which users are archived, what happens to leavers, the safety threshold, the schedule. */
export function SyncSettings({ alias }: { alias: string }) {
  const saved = useLoad(
    () => call<SyncConfigurationView>(directorySyncConfiguration({ path: { alias } })),
    [alias],
  );
  const save = useAction();
  const [form, setForm] = useState<SyncConfigurationView | null>(null);
  useEffect(() => setForm(saved.data), [saved.data]);
  const dirty = form !== null && JSON.stringify(form) !== JSON.stringify(saved.data);

  if (!form) return <Section title="Directory settings">{<ProblemBox problem={saved.problem} />}</Section>;
  const flag = (
    name: 'includeGuests' | 'includeSharedMailboxes' | 'includeRooms' | 'includeDisabled',
    label: string,
  ) => (
    <label className="check-label">
      <input
        type="checkbox"
        checked={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.checked })}
      />{' '}
      {label}
    </label>
  );

  return (
    <Section title="Directory settings">
      <ProblemBox problem={saved.problem} />
      <form
        className="grid"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run(async () => {
            const {
              userFilter,
              groupIds,
              includeGuests,
              includeSharedMailboxes,
              includeRooms,
              includeDisabled,
            } = form;
            const { leaverAction, leaverThreshold, schedule } = form;
            await call(
              directorySyncConfigure({
                path: { alias },
                body: {
                  userFilter,
                  groupIds,
                  includeGuests,
                  includeSharedMailboxes,
                  includeRooms,
                  includeDisabled,
                  leaverAction,
                  leaverThreshold,
                  schedule,
                },
              }),
            );
            saved.reload();
          });
        }}
      >
        <label htmlFor="sync-filter">Users to archive</label>
        <select
          id="sync-filter"
          value={form.userFilter}
          onChange={(e) =>
            setForm({ ...form, userFilter: e.target.value as SyncConfigurationView['userFilter'] })
          }
        >
          <option value="licensed">Licensed users (with a mailbox licence)</option>
          <option value="enabled">Every enabled user</option>
          <option value="groups">Members of groups</option>
        </select>
        {form.userFilter === 'groups' && (
          <>
            <GroupPicker
              alias={alias}
              groupIds={form.groupIds}
              onChange={(groupIds) => setForm({ ...form, groupIds })}
            />
          </>
        )}
        <fieldset>
          <legend>Options</legend>
          {flag('includeGuests', 'Include guests')}
          {flag('includeSharedMailboxes', 'Include shared mailboxes')}
          {flag('includeRooms', 'Include rooms and equipment')}
          {flag('includeDisabled', 'Include disabled accounts')}
        </fieldset>
        <label htmlFor="sync-leaver">When a user leaves</label>
        <select
          id="sync-leaver"
          value={form.leaverAction}
          onChange={(e) =>
            setForm({ ...form, leaverAction: e.target.value as SyncConfigurationView['leaverAction'] })
          }
        >
          <option value="disable-login">Disable the archive login (keep the archive)</option>
          <option value="delete">Delete the archive user</option>
        </select>
        <label htmlFor="sync-max-count">Hold a run that removes more than (users)</label>
        <input
          id="sync-max-count"
          type="number"
          min={0}
          value={form.leaverThreshold.maxCount}
          onChange={(e) =>
            setForm({
              ...form,
              leaverThreshold: { ...form.leaverThreshold, maxCount: Number(e.target.value) },
            })
          }
        />
        <label htmlFor="sync-max-percent">… or more than (percent)</label>
        <input
          id="sync-max-percent"
          type="number"
          min={0}
          max={100}
          value={form.leaverThreshold.maxPercent}
          onChange={(e) =>
            setForm({
              ...form,
              leaverThreshold: { ...form.leaverThreshold, maxPercent: Number(e.target.value) },
            })
          }
        />
        <label className="check-label">
          <input
            type="checkbox"
            checked={form.schedule.enabled}
            onChange={(e) => setForm({ ...form, schedule: { ...form.schedule, enabled: e.target.checked } })}
          />{' '}
          Synchronize on a schedule
        </label>
        <label htmlFor="sync-interval">Every (minutes)</label>
        <input
          id="sync-interval"
          type="number"
          min={1}
          value={form.schedule.intervalMinutes}
          onChange={(e) =>
            setForm({ ...form, schedule: { ...form.schedule, intervalMinutes: Number(e.target.value) } })
          }
        />
        <div>
          <button type="submit" disabled={!dirty || save.busy}>
            Save settings
          </button>{' '}
          {dirty && (
            <span className="warn" role="status">
              Unsaved changes
            </span>
          )}
        </div>
      </form>
      <ProblemBox problem={save.problem} />
    </Section>
  );
}

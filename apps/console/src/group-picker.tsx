import { useState } from 'react';
import { call } from './api/api';
import { directorySyncGroups } from './api/generated/sdk.gen';
import type { GroupView } from './api/views';
import { ProblemBox, useAction } from './ui';

/**
 * The groups whose members are archived, chosen by name: the directory is searched through the API
 * (Graph `$search`), so nobody copies object ids from the Azure portal. Names found are remembered for
 * the chosen list; a group saved earlier shows its id until a search finds it again.
 */
export function GroupPicker({
  alias,
  groupIds,
  onChange,
}: {
  alias: string;
  groupIds: string[];
  onChange: (groupIds: string[]) => void;
}) {
  const action = useAction();
  const [words, setWords] = useState('');
  const [found, setFound] = useState<GroupView[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const nameOf = (id: string) => names[id] ?? id;

  const search = () =>
    void action.run(async () => {
      if (!words.trim()) return;
      const reply = await call<{ items: GroupView[] }>(
        directorySyncGroups({ path: { alias }, query: { search: words.trim() } }),
      );
      setFound(reply.items);
      setNames((all) => ({ ...all, ...Object.fromEntries(reply.items.map((g) => [g.id, g.displayName])) }));
    });

  return (
    <div className="group-picker">
      <h3 id="chosen-groups">Groups to archive</h3>
      {groupIds.length === 0 && <p className="muted">No group chosen yet: search for one below.</p>}
      <ul aria-labelledby="chosen-groups">
        {groupIds.map((id) => (
          <li key={id}>
            {nameOf(id)}{' '}
            <button type="button" onClick={() => onChange(groupIds.filter((other) => other !== id))}>
              Remove {nameOf(id)}
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor="group-search">Search groups by name</label>{' '}
      <input
        id="group-search"
        type="search"
        value={words}
        onChange={(event) => setWords(event.target.value)}
        onKeyDown={(event) => {
          // Enter searches here instead of saving the settings form around it.
          if (event.key === 'Enter') {
            event.preventDefault();
            search();
          }
        }}
      />{' '}
      <button type="button" disabled={action.busy} onClick={search}>
        Search groups
      </button>
      <ProblemBox problem={action.problem} />
      {found && (
        <ul aria-label="Groups found">
          {found.length === 0 && <li>No group has these words in its name.</li>}
          {found.map((group) => (
            <li key={group.id}>
              <strong>{group.displayName}</strong>
              {group.mail && <span className="muted"> {group.mail}</span>}
              {group.description && <span className="muted"> — {group.description}</span>}{' '}
              {groupIds.includes(group.id) ? (
                <span>(chosen)</span>
              ) : (
                <button type="button" onClick={() => onChange([...groupIds, group.id])}>
                  Add {group.displayName}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

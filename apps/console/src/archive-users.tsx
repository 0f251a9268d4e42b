import { useState } from 'react';
import { call } from './api/api';
import { directorySyncArchiveUsers } from './api/generated/sdk.gen';
import type { ArchiveUserView, Page } from './api/views';
import { Pager } from './sync-runs';
import { ProblemBox, Section, useLoad } from './ui';

/** The archive users of the instance, searchable by user name, with aliases, state and archive. */
export function ArchiveUsers({ alias, version }: { alias: string; version: number }) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const users = useLoad(
    () =>
      call<Page<ArchiveUserView>>(
        directorySyncArchiveUsers({
          path: { alias },
          query: { limit: 50, offset, ...(search ? { search } : {}) },
        }),
      ),
    [alias, offset, search, version],
  );
  return (
    <Section title="Archive users">
      <label htmlFor="user-search">Search by user name</label>{' '}
      <input
        id="user-search"
        type="search"
        value={search}
        onChange={(e) => {
          setOffset(0);
          setSearch(e.target.value);
        }}
      />
      <ProblemBox problem={users.problem} />
      <table aria-label="Archive users">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Name</th>
            <th scope="col">Addresses</th>
            <th scope="col">State</th>
            <th scope="col">Archive</th>
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((user) => (
            <tr key={user.id}>
              <td>{user.userName}</td>
              <td>{user.displayName}</td>
              <td>
                {[user.primaryAddress, ...user.aliases.filter((a) => a !== user.primaryAddress)].join(', ')}
              </td>
              <td>{user.state}</td>
              <td className="mono">{user.archiveId}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.data && (
        <Pager label="Archive user pages" total={users.data.total} offset={offset} onOffset={setOffset} />
      )}
    </Section>
  );
}

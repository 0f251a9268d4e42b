import { useState } from 'react';
import { call } from './api/api';
import { instancesCreate, instancesList } from './api/generated/sdk.gen';
import type { InstanceView, Me, Page } from './api/views';
import { ProblemBox, Section, useAction, useLoad } from './ui';

/** The instances in the administrator's scope (the API answers only those), and a new one. */
export function Instances({ me }: { me: Me }) {
  const list = useLoad(() => call<Page<InstanceView>>(instancesList({ query: { limit: 200 } })), []);
  const create = useAction();
  const [fields, setFields] = useState({ alias: '', displayName: '', publicBaseUrl: '' });
  const set = (name: keyof typeof fields) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setFields({ ...fields, [name]: event.target.value });

  return (
    <>
      <h1>Archive instances</h1>
      <ProblemBox problem={list.problem} />
      {list.data && list.data.items.length === 0 && <p>No instance yet.</p>}
      <ul className="instances">
        {list.data?.items.map((instance) => (
          <li key={instance.id}>
            <a href={`#/instances/${encodeURIComponent(instance.alias)}`}>{instance.displayName}</a>{' '}
            <span className="muted">
              {instance.alias} · {instance.publicBaseUrl}
            </span>
          </li>
        ))}
      </ul>
      {me.instances === null && (
        <Section title="New instance">
          <form
            className="grid"
            onSubmit={(event) => {
              event.preventDefault();
              void create.run(async () => {
                await call(instancesCreate({ body: fields }));
                window.location.hash = `#/instances/${encodeURIComponent(fields.alias)}`;
              });
            }}
          >
            <label htmlFor="instance-alias">Alias</label>
            <input id="instance-alias" required value={fields.alias} onChange={set('alias')} />
            <label htmlFor="instance-name">Display name</label>
            <input id="instance-name" required value={fields.displayName} onChange={set('displayName')} />
            <label htmlFor="instance-url">Public base URL</label>
            <input
              id="instance-url"
              type="url"
              required
              value={fields.publicBaseUrl}
              onChange={set('publicBaseUrl')}
            />
            <button type="submit" disabled={create.busy}>
              Create instance
            </button>
          </form>
          <ProblemBox problem={create.problem} />
        </Section>
      )}
    </>
  );
}

import { useState } from 'react';
import { call } from './api/api';
import { instancesGet } from './api/generated/sdk.gen';
import type { InstanceView } from './api/views';
import { AppRegistration } from './app-registration';
import { ArchiveSignIn } from './archive-sign-in';
import { ArchiveUsers } from './archive-users';
import { Credentials } from './credentials';
import { SynchronizeNow, TestSettings } from './sync-runs';
import { SyncSettings } from './sync-settings';
import { ProblemBox, useLoad } from './ui';

/** One instance's "Directory Services" page: the whole procedure, top to bottom. */
export function DirectoryServices({ alias }: { alias: string }) {
  const instance = useLoad(() => call<InstanceView>(instancesGet({ path: { alias } })), [alias]);
  const [credentials, setCredentials] = useState<{ id: string; name: string }[]>([]);
  const [synced, setSynced] = useState(0);
  const [setups, setSetups] = useState(0);

  return (
    <>
      <p>
        <a href="#/">← All instances</a>
      </p>
      <h1>Directory Services{instance.data && <>: {instance.data.displayName}</>}</h1>
      <ProblemBox problem={instance.problem} />
      {instance.data && (
        <>
          <Credentials alias={alias} version={setups} onChange={setCredentials} />
          <AppRegistration
            alias={alias}
            credentialId={credentials[0]?.id}
            onSetupDone={() => setSetups((n) => n + 1)}
          />
          <SyncSettings alias={alias} />
          <TestSettings alias={alias} onDone={() => setSynced((n) => n + 1)} />
          <SynchronizeNow alias={alias} version={synced} onDone={() => setSynced((n) => n + 1)} />
          <ArchiveUsers alias={alias} version={synced} />
          <ArchiveSignIn alias={alias} credentials={credentials} />
        </>
      )}
    </>
  );
}

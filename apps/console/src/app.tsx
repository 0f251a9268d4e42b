import { useEffect, useState } from 'react';
import { apiToken, call, problemOf, type Problem } from './api/api';
import { authMe, authSignOut } from './api/generated/sdk.gen';
import type { Me } from './api/views';
import { DirectoryServices } from './directory-services';
import { Instances } from './instances';
import { SignIn } from './sign-in';

/** `#/instances/<alias>` opens an instance's Directory Services page; anything else the list. */
function aliasFromHash(): string | null {
  const match = /^#\/instances\/([^/]+)$/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

export function App() {
  const [me, setMe] = useState<Me | null>(null);
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [alias, setAlias] = useState(aliasFromHash());

  useEffect(() => {
    const onHash = () => setAlias(aliasFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  async function identify(): Promise<void> {
    try {
      setMe(await call<Me>(authMe()));
      setProblem(null);
    } catch (error) {
      setMe(null);
      // No token and no session is the normal first visit, not an error to show.
      if (apiToken.get()) setProblem(problemOf(error));
    } finally {
      setChecked(true);
    }
  }

  useEffect(() => {
    void identify();
  }, []);

  async function signOut(): Promise<void> {
    if (me?.kind === 'session') await call(authSignOut()).catch(() => undefined);
    apiToken.clear();
    setMe(null);
  }

  return (
    <>
      <header className="top">
        <a href="#/" className="brand">
          archive365
        </a>
        {me && (
          <span className="who">
            Signed in as <strong>{me.name}</strong>{' '}
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </span>
        )}
      </header>
      <main>
        {!checked ? (
          <p>Loading…</p>
        ) : !me ? (
          <SignIn problem={problem} onToken={(token) => (apiToken.set(token), void identify())} />
        ) : alias ? (
          <DirectoryServices alias={alias} />
        ) : (
          <Instances me={me} />
        )}
      </main>
    </>
  );
}

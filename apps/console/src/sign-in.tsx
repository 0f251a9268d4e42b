import { useState } from 'react';
import type { Problem } from './api/api';
import { ProblemBox } from './ui';

/** Administrators sign in with Microsoft (a session cookie) or paste an API token (kept for this tab). */
export function SignIn({ problem, onToken }: { problem: Problem | null; onToken: (token: string) => void }) {
  const [token, setToken] = useState('');
  const returnTo = encodeURIComponent('/console/');
  return (
    <div className="card narrow">
      <h1>Sign in to the archive365 console</h1>
      <ProblemBox problem={problem} />
      <p>
        <a className="button primary" href={`/api/auth/signin?returnTo=${returnTo}`}>
          Sign in with Microsoft
        </a>
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) onToken(token.trim());
        }}
      >
        <label htmlFor="api-token">Or paste an API token</label>
        <input
          id="api-token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="a365_…"
        />
        <button type="submit">Sign in with token</button>
      </form>
    </div>
  );
}

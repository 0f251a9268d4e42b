import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { problemOf, type Problem } from './api/api';

/** A failure of the API as the administrator reads it: what, why, and what to do. */
export function ProblemBox({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <div className="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {(problem.reason || problem.field) && (
        <p className="muted">
          {problem.reason && <>Reason: {problem.reason} </>}
          {problem.field && <>Field: {problem.field}</>}
        </p>
      )}
      {problem.hint && <p>What to do: {problem.hint}</p>}
    </div>
  );
}

/** Loads with `load` when `deps` change; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = useCallback(load, deps);
  const reload = useCallback(() => {
    run().then(
      (value) => {
        setData(value);
        setProblem(null);
      },
      (error: unknown) => setProblem(problemOf(error)),
    );
  }, [run]);
  useEffect(reload, [reload]);
  return { data, problem, reload };
}

/** Runs an action, keeps its problem (or clears it) and whether it is busy. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run };
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : label}
    </button>
  );
}

/** "in 729 days" / "expired 3 days ago": certificate expiry at a glance. */
export function countdown(iso: string, now = Date.now()): string {
  const days = Math.round((new Date(iso).getTime() - now) / 86_400_000);
  if (days >= 0) return `expires in ${days} day${days === 1 ? '' : 's'}`;
  return `expired ${-days} day${days === -1 ? '' : 's'} ago`;
}

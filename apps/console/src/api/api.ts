import { client } from './generated/client.gen';

/** An RFC 9457 problem detail as the admin API answers every failure. */
export interface Problem {
  title: string;
  status?: number;
  detail?: string;
  code?: string;
  field?: string;
  reason?: string;
  hint?: string;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

const TOKEN_KEY = 'archive365.apiToken';

/** The pasted API token lives for the tab only (sessionStorage); a Microsoft session is an HttpOnly cookie. */
export const apiToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

client.setConfig({ baseUrl: window.location.origin, credentials: 'same-origin' });
client.interceptors.request.use((request) => {
  const token = apiToken.get();
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  return request;
});

interface Result {
  data?: unknown;
  error?: unknown;
  response?: Response;
}

/**
 * Unwraps a generated SDK call: its data, or a `ProblemError` carrying the API's problem detail (or
 * one made up from the status when the answer was not one, e.g. a proxy's error page).
 */
export async function call<T>(pending: Promise<Result>): Promise<T> {
  let result: Result;
  try {
    result = await pending;
  } catch (error) {
    throw new ProblemError({
      title: 'The admin API could not be reached',
      detail: error instanceof Error ? error.message : String(error),
      hint: 'check the network connection and that the admin API is running, then try again',
    });
  }
  if (result.response?.ok) return result.data as T;
  throw new ProblemError(asProblem(result.error, result.response));
}

function asProblem(error: unknown, response?: Response): Problem {
  if (error && typeof error === 'object' && 'title' in error) return error as Problem;
  return {
    title: response ? `${response.status} ${response.statusText}` : 'Request failed',
    status: response?.status,
    detail: typeof error === 'string' && error ? error.slice(0, 500) : undefined,
  };
}

export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemError) return error.problem;
  return { title: 'Unexpected error', detail: error instanceof Error ? error.message : String(error) };
}

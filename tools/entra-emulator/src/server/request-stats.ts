import type { RequestHandler } from 'express';

/** How many requests of each kind the emulator answered: lets tests and benchmarks check caching. */
export interface RequestStats {
  /** Token endpoint requests (all grants, answered or refused). */
  token: number;
  /** Microsoft Graph requests (a `$batch` counts once). */
  graph: number;
}

export function createRequestStats(): { stats: RequestStats; count: RequestHandler } {
  const stats: RequestStats = { token: 0, graph: 0 };
  const count: RequestHandler = (req, _res, next) => {
    if (req.path.startsWith('/v1.0/')) stats.graph++;
    else if (req.method === 'POST' && req.path.endsWith('/oauth2/v2.0/token')) stats.token++;
    next();
  };
  return { stats, count };
}

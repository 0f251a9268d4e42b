import type { PlanCounts } from '@archive365/contracts';

export interface GuardInput {
  counts: PlanCounts;
  /** Active archive users before the run. */
  activeBefore: number;
  threshold: { maxCount: number; maxPercent: number };
  /** A full read (a delta cannot tell how many users are left in scope). */
  fullRead: boolean;
}

/**
 * Why a run must wait for an administrator before it changes anything (DESIGN.md section 4), or
 * undefined when it may go on: an empty or much smaller directory where there were users, or more
 * leavers than the accidental-deletion threshold (the smaller of a count and a share).
 */
export function holdReason({ counts, activeBefore, threshold, fullRead }: GuardInput): string | undefined {
  const inScope = counts.create + counts.update + counts.unchanged + counts.recreated;
  const leavers = counts.disable + counts.delete;
  if (fullRead && activeBefore > 0 && inScope === 0) {
    return `the directory returned no users in scope where ${activeBefore} archive users are active`;
  }
  if (fullRead && activeBefore >= 10 && inScope < activeBefore / 2) {
    return `the directory returned ${inScope} users in scope, less than half of the ${activeBefore} active archive users`;
  }
  const limit = Math.min(threshold.maxCount, Math.ceil((activeBefore * threshold.maxPercent) / 100));
  if (leavers > limit) {
    return (
      `${leavers} archive users would be disabled or deleted, over the threshold of ${limit} ` +
      `(the smaller of ${threshold.maxCount} users and ${threshold.maxPercent} % of ${activeBefore})`
    );
  }
  return undefined;
}

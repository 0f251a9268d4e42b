import { EMPTY_COUNTS } from './sync-runs.repository';
import { holdReason } from './safety-guard';

const threshold = { maxCount: 500, maxPercent: 10 };

describe('holdReason', () => {
  it('lets a first sync and a quiet run through', () => {
    expect(
      holdReason({ counts: { ...EMPTY_COUNTS, create: 100 }, activeBefore: 0, threshold, fullRead: true }),
    ).toBeUndefined();
    expect(
      holdReason({
        counts: { ...EMPTY_COUNTS, unchanged: 100, disable: 10 },
        activeBefore: 110,
        threshold,
        fullRead: true,
      }),
    ).toBeUndefined();
  });

  it('holds an empty or much smaller directory where there were users', () => {
    expect(
      holdReason({ counts: { ...EMPTY_COUNTS, disable: 5 }, activeBefore: 5, threshold, fullRead: true }),
    ).toMatch(/no users in scope/);
    expect(
      holdReason({
        counts: { ...EMPTY_COUNTS, unchanged: 40, disable: 60 },
        activeBefore: 100,
        threshold: { maxCount: 500, maxPercent: 100 },
        fullRead: true,
      }),
    ).toMatch(/less than half/);
  });

  it('holds over the smaller of the count and the share', () => {
    expect(
      holdReason({
        counts: { ...EMPTY_COUNTS, unchanged: 100, disable: 12 },
        activeBefore: 112,
        threshold,
        fullRead: true,
      }),
    ).toBeUndefined();
    expect(
      holdReason({
        counts: { ...EMPTY_COUNTS, unchanged: 100, disable: 13 },
        activeBefore: 113,
        threshold,
        fullRead: true,
      }),
    ).toMatch(/^13 archive users would be disabled or deleted, over the threshold of 12/);
    expect(
      holdReason({
        counts: { ...EMPTY_COUNTS, unchanged: 10_000, disable: 501 },
        activeBefore: 10_501,
        threshold,
        fullRead: false,
      }),
    ).toMatch(/threshold of 500/);
  });
});

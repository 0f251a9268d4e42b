import { expiryNoticesDue, nextExpiryNoticeAt, type ExpiryNoticeDays } from './expiry-notices';

const DAY = 24 * 60 * 60 * 1000;
const notAfter = new Date('2027-03-01T12:00:00Z');
const daysBefore = (days: number) => new Date(notAfter.getTime() - days * DAY);
const handled = (...days: ExpiryNoticeDays[]) => new Set<ExpiryNoticeDays>(days);

describe('expiryNoticesDue', () => {
  it('sends nothing while more than 60 days are left', () => {
    expect(expiryNoticesDue(notAfter, daysBefore(61), handled())).toEqual({
      skip: [],
      daysLeft: 61,
      expired: false,
    });
  });

  it.each<[number, ExpiryNoticeDays[], ExpiryNoticeDays | undefined]>([
    [60, [], 60],
    [45, [60], undefined],
    [30, [60], 30],
    [8, [60, 30], undefined],
    [7, [60, 30], 7],
    [1, [60, 30, 7], undefined],
  ])('with %d days left and %p handled, sends %p', (days, alreadyHandled, expected) => {
    const decision = expiryNoticesDue(notAfter, daysBefore(days), handled(...alreadyHandled));
    expect(decision.send).toBe(expected);
    expect(decision.skip).toEqual([]);
    expect(decision.daysLeft).toBe(days);
  });

  it('sends only the most urgent notice when several are overdue, and skips the rest', () => {
    expect(expiryNoticesDue(notAfter, daysBefore(5), handled())).toMatchObject({ send: 7, skip: [60, 30] });
    expect(expiryNoticesDue(notAfter, daysBefore(20), handled())).toMatchObject({ send: 30, skip: [60] });
  });

  it('never sends a less urgent notice after a more urgent one was handled', () => {
    expect(expiryNoticesDue(notAfter, daysBefore(3), handled(7)).send).toBeUndefined();
    expect(expiryNoticesDue(notAfter, daysBefore(3), handled(7)).skip).toEqual([]);
  });

  it('still warns once about a certificate that already expired unnoticed', () => {
    const decision = expiryNoticesDue(notAfter, new Date(notAfter.getTime() + 2 * DAY), handled());
    expect(decision).toMatchObject({ send: 7, skip: [60, 30], expired: true, daysLeft: -2 });
  });

  it('rounds days left down, so a partial day is not counted', () => {
    expect(
      expiryNoticesDue(notAfter, new Date(daysBefore(30).getTime() - 3_600_000), handled(60)).send,
    ).toBeUndefined();
    expect(expiryNoticesDue(notAfter, new Date(daysBefore(30).getTime() + 1), handled(60)).daysLeft).toBe(29);
  });
});

describe('nextExpiryNoticeAt', () => {
  it('is the moment the next unhandled notice becomes due', () => {
    expect(nextExpiryNoticeAt(notAfter, handled())).toEqual(daysBefore(60));
    expect(nextExpiryNoticeAt(notAfter, handled(60))).toEqual(daysBefore(30));
    expect(nextExpiryNoticeAt(notAfter, handled(60, 30))).toEqual(daysBefore(7));
    expect(nextExpiryNoticeAt(notAfter, handled(7))).toBeUndefined();
  });
});

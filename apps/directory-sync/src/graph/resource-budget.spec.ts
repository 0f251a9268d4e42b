import { ResourceBudget } from './resource-budget';

describe('ResourceBudget', () => {
  it('lets requests through until the window is spent, then waits for the next window, per tenant', async () => {
    let now = 0;
    const waits: number[] = [];
    const budget = new ResourceBudget(
      10,
      10_000,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 5; i++) await budget.spend('t1', 2);
    expect(waits).toEqual([]);
    await budget.spend('t2', 10);
    expect(waits).toEqual([]);
    now = 4000;
    await budget.spend('t1', 2);
    expect(waits).toEqual([6000]);
    expect(now).toBe(10_000);
  });
});

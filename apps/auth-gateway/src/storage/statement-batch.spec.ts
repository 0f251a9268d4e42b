import { StatementBatch } from './statement-batch';

describe('StatementBatch: one statement for the rows that arrive together', () => {
  it('sends what arrives in one turn as one statement and answers each caller with its own result', async () => {
    const statements: string[][] = [];
    const batch = new StatementBatch<string, string>({
      execute: async (items) => {
        statements.push(items);
        return items.map((item) => item.toUpperCase());
      },
      keysOf: (item) => [item],
    });
    const answers = await Promise.all(['a', 'b', 'c'].map((item) => batch.run(item)));
    expect(answers).toEqual(['A', 'B', 'C']);
    expect(statements).toEqual([['a', 'b', 'c']]);
    expect(await batch.run('d')).toBe('D');
    expect(statements).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('never puts two items sharing a key into one statement', async () => {
    const statements: string[][] = [];
    const batch = new StatementBatch<{ id: string; state: string }, string>({
      execute: async (items) => {
        statements.push(items.map((item) => item.id));
        return items.map((item) => item.id);
      },
      keysOf: (item) => [item.state],
    });
    await Promise.all([
      batch.run({ id: '1', state: 's1' }),
      batch.run({ id: '2', state: 's1' }),
      batch.run({ id: '3', state: 's2' }),
    ]);
    expect(statements).toEqual([['1', '3'], ['2']]);
  });

  it("a failed statement is retried item by item, so one caller's bad row fails only that caller", async () => {
    const batch = new StatementBatch<number, number>({
      execute: async (items) => {
        if (items.includes(2)) throw new Error('value too long');
        return items;
      },
      keysOf: (item) => [String(item)],
    });
    const answers = await Promise.allSettled([1, 2, 3].map((item) => batch.run(item)));
    expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((answers[1] as PromiseRejectedResult).reason).toEqual(new Error('value too long'));
  });
});

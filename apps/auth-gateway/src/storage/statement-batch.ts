/** Shared by the repositories (this folder owns no table): one round trip for many callers' rows. */

interface Waiting<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export interface StatementBatchOptions<Item, Result> {
  /** Runs one statement for all the items; answers in the order of the items. */
  execute(items: Item[]): Promise<Result[]>;
  /** Items sharing a key never go into the same statement (each then sees the other's effect). */
  keysOf(item: Item): string[];
  maxItems?: number;
}

/**
 * Sends the rows that arrive while the event loop handles one round of I/O as one statement (arrays,
 * unnested by the statement). Under load a sign-in shares its database round trip, whose send costs
 * the gateway more CPU than anything but the signatures, with the others that arrived alongside it;
 * alone, it waits no longer than the same turn's check phase. A statement is atomic, so when one
 * fails, its items are tried again one by one: one caller's bad row does not fail the others.
 */
export class StatementBatch<Item, Result> {
  private waiting: Waiting<Item, Result>[] = [];

  constructor(private readonly options: StatementBatchOptions<Item, Result>) {}

  run(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const batch of this.split(waiting)) void this.send(batch, true);
  }

  /** Batches in arrival order, none larger than maxItems, none holding two items with a shared key. */
  private split(waiting: Waiting<Item, Result>[]): Waiting<Item, Result>[][] {
    const max = this.options.maxItems ?? 100;
    const batches: { members: Waiting<Item, Result>[]; keys: Set<string> }[] = [];
    for (const one of waiting) {
      const keys = this.options.keysOf(one.item);
      let batch = batches.find(
        (candidate) => candidate.members.length < max && keys.every((key) => !candidate.keys.has(key)),
      );
      if (!batch) {
        batch = { members: [], keys: new Set() };
        batches.push(batch);
      }
      batch.members.push(one);
      for (const key of keys) batch.keys.add(key);
    }
    return batches.map((batch) => batch.members);
  }

  private async send(batch: Waiting<Item, Result>[], retryAlone: boolean): Promise<void> {
    let results: Result[];
    try {
      results = await this.options.execute(batch.map((one) => one.item));
    } catch (error) {
      if (!retryAlone || batch.length === 1) {
        for (const one of batch) one.reject(error);
        return;
      }
      for (const one of batch) void this.send([one], false);
      return;
    }
    batch.forEach((one, index) => one.resolve(results[index]));
  }
}

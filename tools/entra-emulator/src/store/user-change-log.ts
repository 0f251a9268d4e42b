/**
 * Ordered record of which users changed, for `/users/delta`. A position in the log is a "generation":
 * a delta token remembers the position it was issued at, and the next round reports every user whose
 * id appears after it (with the user's state at that moment, so replays are harmless).
 */
export class UserChangeLog {
  private readonly changedIds: string[] = [];
  /** The last range asked for: a round's pages all ask for the same one, and the log only grows. */
  private lastRange?: { from: number; until: number; ids: readonly string[] };

  /** Number of changes recorded so far (the position a new delta token starts from). */
  get position(): number {
    return this.changedIds.length;
  }

  record(userId: string): void {
    this.changedIds.push(userId);
  }

  /**
   * Ids changed in (from, until], each once, ordered by their latest change. A range never changes
   * once recorded, so the pages of one delta round share one computation. Do not mutate.
   */
  changedBetween(from: number, until: number): readonly string[] {
    const end = Math.min(until, this.changedIds.length);
    if (this.lastRange?.from === from && this.lastRange.until === end) return this.lastRange.ids;
    const lastChange = new Map<string, number>();
    for (let position = from; position < end; position++) {
      const id = this.changedIds[position];
      lastChange.delete(id);
      lastChange.set(id, position);
    }
    const ids = [...lastChange.keys()];
    this.lastRange = { from, until: end, ids };
    return ids;
  }
}

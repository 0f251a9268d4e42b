/**
 * Ordered record of which users changed, for `/users/delta`. A position in the log is a "generation":
 * a delta token remembers the position it was issued at, and the next round reports every user whose
 * id appears after it (with the user's state at that moment, so replays are harmless).
 */
export class UserChangeLog {
  private readonly changedIds: string[] = [];

  /** Number of changes recorded so far (the position a new delta token starts from). */
  get position(): number {
    return this.changedIds.length;
  }

  record(userId: string): void {
    this.changedIds.push(userId);
  }

  /** Ids changed in (from, until], each once, ordered by their latest change. */
  changedBetween(from: number, until: number): string[] {
    const lastChange = new Map<string, number>();
    for (let position = from; position < until && position < this.changedIds.length; position++) {
      const id = this.changedIds[position];
      lastChange.delete(id);
      lastChange.set(id, position);
    }
    return [...lastChange.keys()];
  }
}

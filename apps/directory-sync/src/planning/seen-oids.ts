const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BYTES = 16;

/**
 * The object ids a full read returned, as 16-byte keys in an open-addressing table (Graph ids are
 * GUIDs): under 9 MB for 300,000 users, where a Set of strings takes several times that and grows in
 * small steps the garbage collector must follow. Consulted for each page, to mark the users an earlier
 * page returned (see markRepeated), and when the read saw fewer archive users than the archive holds,
 * to name the leavers.
 */
export class SeenOids {
  private slots = Buffer.alloc(BYTES * 4096);
  private used = new Uint8Array(4096);
  private count = 0;
  /** Ids that are not GUIDs (never from Graph, but the set must stay exact). */
  private readonly other = new Set<string>();
  private readonly key = Buffer.alloc(BYTES);

  get size(): number {
    return this.count + this.other.size;
  }

  /** Adds `oid`; false when it was in the set already. */
  add(oid: string): boolean {
    if (!this.toKey(oid)) {
      const added = !this.other.has(oid);
      this.other.add(oid);
      return added;
    }
    if ((this.count + 1) * 4 > this.used.length * 3) this.grow();
    if (!this.insert(this.key)) return false;
    this.count++;
    return true;
  }

  has(oid: string): boolean {
    if (!this.toKey(oid)) return this.other.has(oid);
    return this.used[this.find(this.key)] === 1;
  }

  private toKey(oid: string): boolean {
    if (!GUID.test(oid)) return false;
    this.key.write(oid.replace(/-/g, ''), 0, 'hex');
    return true;
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: Buffer): number {
    const mask = this.used.length - 1;
    let slot = Math.imul(key.readUInt32LE(0) ^ key.readUInt32LE(12), 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (this.used[slot] === 0) return slot;
      if (key.compare(this.slots, slot * BYTES, slot * BYTES + BYTES) === 0) return slot;
      slot++;
    }
  }

  private insert(key: Buffer): boolean {
    const slot = this.find(key);
    if (this.used[slot] === 1) return false;
    key.copy(this.slots, slot * BYTES);
    this.used[slot] = 1;
    return true;
  }

  private grow(): void {
    const { slots, used } = this;
    this.slots = Buffer.alloc(slots.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let slot = 0; slot < used.length; slot++) {
      if (used[slot] === 1) this.insert(slots.subarray(slot * BYTES, slot * BYTES + BYTES));
    }
  }
}

/**
 * Marks the rows of one page of a full read `repeated` when the read returned their oid before (Graph
 * may repeat a user across pages), adding the page's oids to `seen`. The mark only makes the write look
 * for the user's row first, so a user twice within the page (one row: the last) may carry it too.
 */
export function markRepeated<Row extends { oid: string; repeated?: boolean }>(
  seen: SeenOids,
  rows: Row[],
): Row[] {
  for (const row of rows) row.repeated = !seen.add(row.oid);
  return rows;
}

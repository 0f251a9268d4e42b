/** Each character's value as a hex digit (lower case, as Graph writes ids), or -1. */
const HEX_DIGIT = Int8Array.from({ length: 128 }, (_, code) =>
  '0123456789abcdef'.indexOf(String.fromCharCode(code)),
);
const WORDS = 4;

/**
 * The object ids a full read returned, as 128-bit keys (four 32-bit words) in an open-addressing
 * table (Graph ids are GUIDs): under 9 MB for 300,000 users, where a Set of strings takes several times
 * that and grows in small steps the garbage collector must follow. Consulted for each page, to mark
 * the users an earlier page returned (see markRepeated), and when the read saw fewer archive users
 * than the archive holds, to name the leavers. A key is decoded from the id's text digit by digit and
 * compared word by word: a regular expression, a hex decode into a Buffer and a Buffer comparison per
 * id took a tenth of a first sync's conversion.
 */
export class SeenOids {
  private slots = new Uint32Array(WORDS * 4096);
  private used = new Uint8Array(4096);
  private count = 0;
  /** Ids that are not GUIDs (never from Graph, but the set must stay exact). */
  private readonly other = new Set<string>();
  private readonly key = new Uint32Array(WORDS);

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
    if (!this.insert(this.key, 0)) return false;
    this.count++;
    return true;
  }

  has(oid: string): boolean {
    if (!this.toKey(oid)) return this.other.has(oid);
    return this.used[this.find(this.key, 0)] === 1;
  }

  /** Decodes a GUID's text into `key`; false for any other text. */
  private toKey(oid: string): boolean {
    if (oid.length !== 36) return false;
    let word = 0;
    let digits = 0;
    for (let at = 0; at < 36; at++) {
      const code = oid.charCodeAt(at);
      // A GUID's text has its hyphens at 8, 13, 18 and 23.
      if (at === 8 || at === 13 || at === 18 || at === 23) {
        if (code !== 45) return false;
        continue;
      }
      const digit = code < 128 ? (HEX_DIGIT[code] ?? -1) : -1;
      if (digit < 0) return false;
      word = ((word << 4) | digit) >>> 0;
      if (++digits % 8 === 0) {
        this.key[digits / 8 - 1] = word;
        word = 0;
      }
    }
    return true;
  }

  /** The slot holding the key at `keys[from]`, or the empty slot where it would go. */
  private find(keys: Uint32Array, from: number): number {
    const mask = this.used.length - 1;
    const a = keys[from] ?? 0;
    const b = keys[from + 1] ?? 0;
    const c = keys[from + 2] ?? 0;
    const d = keys[from + 3] ?? 0;
    let slot = Math.imul(a ^ d, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      if (this.used[slot] === 0) return slot;
      const at = slot * WORDS;
      const slots = this.slots;
      if (slots[at] === a && slots[at + 1] === b && slots[at + 2] === c && slots[at + 3] === d) return slot;
      slot++;
    }
  }

  private insert(keys: Uint32Array, from: number): boolean {
    const slot = this.find(keys, from);
    if (this.used[slot] === 1) return false;
    for (let word = 0; word < WORDS; word++) this.slots[slot * WORDS + word] = keys[from + word] ?? 0;
    this.used[slot] = 1;
    return true;
  }

  private grow(): void {
    const { slots, used } = this;
    this.slots = new Uint32Array(slots.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let slot = 0; slot < used.length; slot++) {
      if (used[slot] === 1) this.insert(slots, slot * WORDS);
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

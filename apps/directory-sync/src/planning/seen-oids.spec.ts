import { randomUUID } from 'node:crypto';
import { markRepeated, SeenOids } from './seen-oids';

describe('SeenOids', () => {
  it('answers exactly which ids were added, across growth, GUIDs or not', () => {
    const seen = new SeenOids();
    const added = Array.from({ length: 20_000 }, () => randomUUID());
    expect(added.every((oid) => seen.add(oid))).toBe(true);
    expect(seen.add(added[0] ?? '')).toBe(false);
    expect(seen.add('not-a-guid')).toBe(true);
    expect(seen.add('not-a-guid')).toBe(false);
    expect(seen.size).toBe(20_001);
    expect(added.every((oid) => seen.has(oid))).toBe(true);
    expect(seen.has('not-a-guid')).toBe(true);
    expect(Array.from({ length: 20_000 }, () => randomUUID()).some((oid) => seen.has(oid))).toBe(false);
    expect(seen.has('other')).toBe(false);
  });

  it('keeps ids that only look like GUIDs apart from the GUIDs they resemble', () => {
    const seen = new SeenOids();
    const guid = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const lookalikes = [guid.toUpperCase(), guid.replace('-4e5f', 'x4e5f'), guid.replace('d', 'g')];
    expect(seen.add(guid)).toBe(true);
    expect(lookalikes.map((oid) => seen.has(oid))).toEqual([false, false, false]);
    expect(lookalikes.map((oid) => seen.add(oid))).toEqual([true, true, true]);
    expect(seen.add(guid.toUpperCase())).toBe(false);
    expect(seen.size).toBe(4);
  });

  it('marks the rows of a page that an earlier page returned', () => {
    const seen = new SeenOids();
    const row = (): { oid: string; repeated?: boolean } => ({ oid: randomUUID() });
    const [a, b, c] = [row(), row(), row()];
    markRepeated(seen, [a, b]);
    expect(markRepeated(seen, [c, { ...a }]).map((one) => one.repeated)).toEqual([false, true]);
  });
});

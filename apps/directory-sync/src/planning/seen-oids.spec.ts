import { randomUUID } from 'node:crypto';
import { SeenOids } from './seen-oids';

describe('SeenOids', () => {
  it('answers exactly which ids were added, across growth, GUIDs or not', () => {
    const seen = new SeenOids();
    const added = Array.from({ length: 20_000 }, () => randomUUID());
    for (const oid of added) seen.add(oid);
    seen.add(added[0] ?? '');
    seen.add('not-a-guid');
    expect(seen.size).toBe(20_001);
    expect(added.every((oid) => seen.has(oid))).toBe(true);
    expect(seen.has('not-a-guid')).toBe(true);
    expect(Array.from({ length: 20_000 }, () => randomUUID()).some((oid) => seen.has(oid))).toBe(false);
    expect(seen.has('other')).toBe(false);
  });
});

import { groupSearchPath } from './group-search.service';

describe('groupSearchPath', () => {
  it('asks Graph for the display name words as one quoted $search clause, with a bounded page', () => {
    const url = new URL(`https://graph.example${groupSearchPath('archive pilots')}`);
    expect(url.pathname).toBe('/groups');
    expect(url.searchParams.get('$search')).toBe('"displayName:archive pilots"');
    expect(url.searchParams.get('$top')).toBe('25');
    expect(url.searchParams.get('$select')).toBe('id,displayName,description,mail');
  });

  it('drops quotes and backslashes, which would end or escape the clause', () => {
    const url = new URL(`https://graph.example${groupSearchPath('sales" OR "displayName:\\x')}`);
    expect(url.searchParams.get('$search')).toBe('"displayName:sales  OR  displayName: x"');
    expect(url.searchParams.getAll('$search')).toHaveLength(1);
  });

  it('keeps an ampersand inside the clause instead of starting a new parameter', () => {
    const url = new URL(`https://graph.example${groupSearchPath('R&D')}`);
    expect(url.searchParams.get('$search')).toBe('"displayName:R&D"');
    expect([...url.searchParams.keys()].sort()).toEqual(['$search', '$select', '$top']);
  });
});

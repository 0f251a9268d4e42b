import { CopyData, copyText } from './copy-text';

describe('copyText', () => {
  it('joins the fields with tabs and leaves plain text as it is', () => {
    expect(copyText(['a', 'Zoë Ö 東京', '["x@y"]'])).toBe('a\tZoë Ö 東京\t["x@y"]');
  });

  it('escapes backslash, tab, line feed and carriage return, so no field can end a row or the data', () => {
    expect(copyText(['a\\b', 'c\td', 'e\nf', 'g\rh', '\\.', '\\N'])).toBe(
      'a\\\\b\tc\\td\te\\nf\tg\\rh\t\\\\.\t\\\\N',
    );
  });
});

describe('CopyData', () => {
  it('holds the rows pushed, as UTF-8, growing past its first buffer', () => {
    const data = new CopyData();
    const rows = Array.from({ length: 3000 }, (_, n) => `${n}\tZoë 東京 ${'x'.repeat(n % 200)}\n`);
    for (const row of rows) data.push(row);
    expect(data.data.toString('utf8')).toBe(rows.join(''));
  });

  it('is empty before any row', () => {
    expect(new CopyData().data.length).toBe(0);
  });
});

import { copyText } from './copy-text';

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

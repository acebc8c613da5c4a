import { z } from 'zod';
import { freeText, isStorable } from '../../domain/text';

describe('free text', () => {
  it.each([
    ['NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', 'a\uDC00b'],
    ['a high surrogate at the end', 'ab\uD83D'],
  ])('when a text holds %s, then it cannot be stored and is refused', (_what, text) => {
    expect(isStorable(text)).toBe(false);
    expect(freeText(0, 100).safeParse(text).success).toBe(false);
  });

  it.each([
    ['tabs and newlines', 'rad ett\n\trad två\r\n'],
    ['Swedish letters', 'Språkvänner i Borås, Örebro'],
    ['an emoji (a whole surrogate pair)', 'Tack 🙏 för i år'],
  ])('when a text holds %s, then it is kept', (_what, text) => {
    expect(isStorable(text)).toBe(true);
    expect(freeText(0, 100).safeParse(text).success).toBe(true);
  });
});

describe('free text as the published contract states it', () => {
  const published = new RegExp((z.toJSONSchema(freeText(0, 100)) as { pattern: string }).pattern, 'u');

  it.each(['a\u0000b', 'a\u0007b', 'rad ett\n\trad två\r\n', 'Språkvänner', 'Tack 🙏 för i år', ''])(
    'when %j is read with the JSON Schema pattern (Unicode mode), then it is refused or kept exactly as the API does',
    (text) => {
      expect(published.test(text)).toBe(isStorable(text));
    },
  );

  it('when a lone surrogate is sent, then the API refuses it though the published pattern cannot name it', () => {
    expect(published.test('a\uD800b')).toBe(true);
    expect(freeText(0, 100).safeParse('a\uD800b').success).toBe(false);
  });
});

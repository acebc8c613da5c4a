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

import { formatDay, formatKronor } from '../../api/register/pages/register-format';

describe("the register's days and kronor", () => {
  it('when a calendar day is written, then it is that day in either language, whatever the clock’s time zone', () => {
    expect(formatDay('2026-01-05', 'sv')).toBe('5 januari 2026');
    expect(formatDay('2026-01-05', 'en')).toBe('5 January 2026');
    expect(formatDay('2026-12-31', 'sv')).toBe('31 december 2026');
  });

  it('when a moment is written, then it is its day in Sweden', () => {
    // 23:30 UTC on 6 December is 00:30 on the 7th in Stockholm.
    expect(formatDay('2026-12-06T23:30:00.000Z', 'en')).toBe('7 December 2026');
    expect(formatDay('2026-07-01T12:00:00.000Z', 'sv')).toBe('1 juli 2026');
  });

  it('when kronor are written, then they are whole kronor as a Swedish and a British reader write them', () => {
    expect(formatKronor(1_234_567, 'sv')).toBe('1\u00a0234\u00a0567\u00a0kr');
    expect(formatKronor(1_234_567.4, 'en')).toBe('SEK\u00a01,234,567');
  });
});

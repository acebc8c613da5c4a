import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { finalFrom, holidaysOf, isReckonable, isWorkingDay, lastDayToAppeal, postingDates } from '../../domain/calendar';
import { addDays } from '../../domain/dates';
import { decide } from '../../domain/decide';
import { initialState } from '../../domain/state';
import { postingDate } from '../../domain/steps/posting-date';
import { calendarLawRules, currentRules } from '../../domain/rules';
import { lastAppealDay } from '../../domain/steps/decision';
import { calendarFile, calendarText } from '../../scripts/swedish-calendar';

// Worked out from the law, not from the library: the days of lag (1930:173) 2 § and of lag
// (1989:253) om allmänna helgdagar, with Easter by the Gregorian computus.
// Nyårsdagen, trettondedag jul, långfredagen, påskdagen, annandag påsk, första maj, Kristi
// himmelsfärdsdag, pingstdagen, nationaldagen, midsommarafton, midsommardagen, alla helgons dag,
// julafton, juldagen, annandag jul, nyårsafton.
const knownDays: Record<number, string[]> = {
  2026: ['01-01', '01-06', '04-03', '04-05', '04-06', '05-01', '05-14', '05-24', '06-06', '06-19', '06-20', '10-31', '12-24', '12-25', '12-26', '12-31'],
  2027: ['01-01', '01-06', '03-26', '03-28', '03-29', '05-01', '05-06', '05-16', '06-06', '06-25', '06-26', '11-06', '12-24', '12-25', '12-26', '12-31'],
  2028: ['01-01', '01-06', '04-14', '04-16', '04-17', '05-01', '05-25', '06-04', '06-06', '06-23', '06-24', '11-04', '12-24', '12-25', '12-26', '12-31'],
  2029: ['01-01', '01-06', '03-30', '04-01', '04-02', '05-01', '05-10', '05-20', '06-06', '06-22', '06-23', '11-03', '12-24', '12-25', '12-26', '12-31'],
  2030: ['01-01', '01-06', '04-19', '04-21', '04-22', '05-01', '05-30', '06-06', '06-09', '06-21', '06-22', '11-02', '12-24', '12-25', '12-26', '12-31'],
  2031: ['01-01', '01-06', '04-11', '04-13', '04-14', '05-01', '05-22', '06-01', '06-06', '06-20', '06-21', '11-01', '12-24', '12-25', '12-26', '12-31'],
  2032: ['01-01', '01-06', '03-26', '03-28', '03-29', '05-01', '05-06', '05-16', '06-06', '06-25', '06-26', '11-06', '12-24', '12-25', '12-26', '12-31'],
  2033: ['01-01', '01-06', '04-15', '04-17', '04-18', '05-01', '05-26', '06-05', '06-06', '06-24', '06-25', '11-05', '12-24', '12-25', '12-26', '12-31'],
  2034: ['01-01', '01-06', '04-07', '04-09', '04-10', '05-01', '05-18', '05-28', '06-06', '06-23', '06-24', '11-04', '12-24', '12-25', '12-26', '12-31'],
  2035: ['01-01', '01-06', '03-23', '03-25', '03-26', '05-01', '05-03', '05-13', '06-06', '06-22', '06-23', '11-03', '12-24', '12-25', '12-26', '12-31'],
};

// The same law before SFS 2004:1320 (in force 2005-04-01, prop. 2004/05:23): annandag pingst, the day
// after pingstdagen, was a public holiday and the national day (6 June) was not.
const knownDaysBefore2005: Record<number, string[]> = {
  1990: ['01-01', '01-06', '04-13', '04-15', '04-16', '05-01', '05-24', '06-03', '06-04', '06-22', '06-23', '11-03', '12-24', '12-25', '12-26', '12-31'],
  1991: ['01-01', '01-06', '03-29', '03-31', '04-01', '05-01', '05-09', '05-19', '05-20', '06-21', '06-22', '11-02', '12-24', '12-25', '12-26', '12-31'],
  1992: ['01-01', '01-06', '04-17', '04-19', '04-20', '05-01', '05-28', '06-07', '06-08', '06-19', '06-20', '10-31', '12-24', '12-25', '12-26', '12-31'],
  1993: ['01-01', '01-06', '04-09', '04-11', '04-12', '05-01', '05-20', '05-30', '05-31', '06-25', '06-26', '11-06', '12-24', '12-25', '12-26', '12-31'],
  1994: ['01-01', '01-06', '04-01', '04-03', '04-04', '05-01', '05-12', '05-22', '05-23', '06-24', '06-25', '11-05', '12-24', '12-25', '12-26', '12-31'],
  1995: ['01-01', '01-06', '04-14', '04-16', '04-17', '05-01', '05-25', '06-04', '06-05', '06-23', '06-24', '11-04', '12-24', '12-25', '12-26', '12-31'],
  1996: ['01-01', '01-06', '04-05', '04-07', '04-08', '05-01', '05-16', '05-26', '05-27', '06-21', '06-22', '11-02', '12-24', '12-25', '12-26', '12-31'],
  1997: ['01-01', '01-06', '03-28', '03-30', '03-31', '05-01', '05-08', '05-18', '05-19', '06-20', '06-21', '11-01', '12-24', '12-25', '12-26', '12-31'],
  1998: ['01-01', '01-06', '04-10', '04-12', '04-13', '05-01', '05-21', '05-31', '06-01', '06-19', '06-20', '10-31', '12-24', '12-25', '12-26', '12-31'],
  1999: ['01-01', '01-06', '04-02', '04-04', '04-05', '05-01', '05-13', '05-23', '05-24', '06-25', '06-26', '11-06', '12-24', '12-25', '12-26', '12-31'],
  2000: ['01-01', '01-06', '04-21', '04-23', '04-24', '05-01', '06-01', '06-11', '06-12', '06-23', '06-24', '11-04', '12-24', '12-25', '12-26', '12-31'],
  2001: ['01-01', '01-06', '04-13', '04-15', '04-16', '05-01', '05-24', '06-03', '06-04', '06-22', '06-23', '11-03', '12-24', '12-25', '12-26', '12-31'],
  2002: ['01-01', '01-06', '03-29', '03-31', '04-01', '05-01', '05-09', '05-19', '05-20', '06-21', '06-22', '11-02', '12-24', '12-25', '12-26', '12-31'],
  2003: ['01-01', '01-06', '04-18', '04-20', '04-21', '05-01', '05-29', '06-08', '06-09', '06-20', '06-21', '11-01', '12-24', '12-25', '12-26', '12-31'],
  2004: ['01-01', '01-06', '04-09', '04-11', '04-12', '05-01', '05-20', '05-30', '05-31', '06-25', '06-26', '11-06', '12-24', '12-25', '12-26', '12-31'],
};

describe('the Swedish legal calendar', () => {
  it.each(Object.keys(knownDays).map(Number))('when the days on which no time limit ends in %i are listed, then they are exactly the law’s', (year) => {
    expect([...holidaysOf(year)].sort()).toEqual(knownDays[year]!.map((day) => `${year}-${day}`));
  });

  it.each(Object.keys(knownDaysBefore2005).map(Number))('when the days on which no time limit ends in %i are listed, then they are exactly the law’s of the time, annandag pingst with them', (year) => {
    expect([...holidaysOf(year)].sort()).toEqual(knownDaysBefore2005[year]!.map((day) => `${year}-${day}`));
  });

  it('when 6 June falls on a weekday before 2005, then it is a working day; from 2005 it is the national holiday', () => {
    for (let year = 1990; year <= 2004; year += 1) expect(holidaysOf(year)).not.toContain(`${year}-06-06`);
    expect(isWorkingDay('2003-06-06')).toBe(true); // a Friday
    expect(isWorkingDay('2005-06-06')).toBe(false); // a Monday, the first national holiday
    expect(isWorkingDay('2005-05-16')).toBe(true); // annandag pingst, no longer a holiday
  });

  it('when days are weekdays, weekends, eves the law names or eves it does not, then only plain weekdays are working days', () => {
    expect(isWorkingDay('2026-03-23')).toBe(true); // a Monday
    expect(isWorkingDay('2026-03-28')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-03-29')).toBe(false); // a Sunday
    expect(isWorkingDay('2026-06-19')).toBe(false); // midsommarafton
    expect(isWorkingDay('2026-04-30')).toBe(true); // valborgsmässoafton: not named by the law
    expect(isWorkingDay('2026-04-02')).toBe(true); // skärtorsdagen: not named by the law
  });
});

// Posting day, the last day to appeal, the first day the decision is final.
const appealWindows: [string, string, string, string][] = [
  ['an ordinary Monday', '2026-03-02', '2026-03-23', '2026-03-24'],
  ['a Saturday', '2026-03-07', '2026-03-30', '2026-03-31'],
  ['Good Friday, then Easter', '2027-03-05', '2027-03-30', '2027-03-31'],
  ['the national day', '2028-05-16', '2028-06-07', '2028-06-08'],
  ['midsummer eve', '2026-05-29', '2026-06-22', '2026-06-23'],
  ['All Saints’ Day', '2026-10-10', '2026-11-02', '2026-11-03'],
  ['Christmas eve', '2026-12-03', '2026-12-28', '2026-12-29'],
  ['New Year’s eve', '2026-12-10', '2027-01-04', '2027-01-05'],
  ['annandag pingst, the day before a 6 June that was no holiday yet', '1995-05-15', '1995-06-06', '1995-06-07'],
  ['pingstdagen and annandag pingst', '2004-05-09', '2004-06-01', '2004-06-02'],
];

describe('laga kraft', () => {
  it.each(appealWindows)('when three weeks from the posting end on %s, then the last day to appeal and finality follow the law', (_case, posted, lastDay, final) => {
    expect(lastDayToAppeal(posted)).toBe(lastDay);
    expect(finalFrom(posted)).toBe(final);
  });

  it('when a posting three weeks before annandag pingst 1995 is reckoned, then a run begun under the corrections gives the law’s day and one begun before keeps the day it gave', () => {
    expect(lastAppealDay(currentRules, '1995-05-15')).toBe('1995-06-06');
    expect(lastAppealDay(calendarLawRules, '1995-05-15')).toBe('1995-06-05');
  });

  it('when the library is asked again in a time zone west of UTC and in Stockholm, then the committed table is what it answers', () => {
    const script = "process.stdout.write(require('./scripts/swedish-calendar').calendarText())";
    const run = (tz: string) => execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    expect(calendarText()).toBe(readFileSync(calendarFile, 'utf8'));
    expect(run('America/Los_Angeles')).toBe(readFileSync(calendarFile, 'utf8'));
    expect(run('Europe/Stockholm')).toBe(readFileSync(calendarFile, 'utf8'));
  }, 30_000);
});

describe('posting dates the calendar can reckon', () => {
  it('when every day from five years before the table to five after is checked, then the posting date’s schema takes exactly the days whose window the table reckons', () => {
    expect(postingDates).toEqual({ from: '1990-01-01', to: '2149-12-31' });
    for (let day = '1985-01-01'; day <= '2155-12-31'; day = addDays(day, 1)) {
      expect(postingDate.safeParse(day).success).toBe(isReckonable(day));
      if (isReckonable(day)) expect(() => lastDayToAppeal(day)).not.toThrow();
    }
    for (const notADay of ['2100-02-29', '1990-02-29', '2026-13-01', '2026-04-31', '02026-01-01', '2026-1-1']) expect(postingDate.safeParse(notADay).success).toBe(false);
    for (const leapDay of ['1992-02-29', '2000-02-29', '2148-02-29']) expect(postingDate.safeParse(leapDay).success).toBe(true);
  });

  it('when a caller skips the schemas and hands decide() a public decision posted before the table, then it is refused with a typed reason, not thrown', () => {
    const partnershipId = crypto.randomUUID();
    const [kommun, forening] = [crypto.randomUUID(), crypto.randomUUID()];
    const payload = {
      challenge: 'sha256:' + '0'.repeat(64),
      phase: 'IMPLEMENTATION',
      term: 1,
      termStartDate: '2026-01-01',
      termEndDate: '2030-12-31',
      parties: [
        { organisationId: kommun, kind: 'PUBLIC' },
        { organisationId: forening, kind: 'IDEBUREN' },
      ],
      agreement: {},
      decisions: [
        { organisationId: kommun, decidingBody: 'Kommunstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: '1989-11-20', paragraph: null, minutesReference: null, approvalDate: null, postingDate: '1989-12-01' },
        { organisationId: forening, decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: '2025-11-01', paragraph: null, minutesReference: null, approvalDate: null, postingDate: null },
      ],
      lastFollowUp: null,
    };
    const now = Date.parse('2026-06-01T12:00:00Z');
    const outcome = decide(initialState(partnershipId), { type: 'importRunningPartnership', payload } as Parameters<typeof decide>[1], { now, newId: () => crypto.randomUUID(), actorKeyId: null });
    expect(outcome).toEqual({ ok: false, refusal: { code: 'BAD_DATES', message: expect.stringContaining('1990-01-01 to 2149-12-31') } });
  });
});

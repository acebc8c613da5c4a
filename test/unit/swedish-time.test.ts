import { calendarLawRules, currentRules } from '../../domain/rules';
import { swedishDay, swedishInstant, swedishOffset, todayUnder } from '../../domain/swedish-time';

// The time-zone database (through Intl) is the oracle; the product works the rule out itself so that
// a workflow answers the same on every machine and every replay.
const stockholm = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
function stockholmWallClock(epochMs: number): { day: string; offsetMs: number } {
  const parts = Object.fromEntries(stockholm.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const wall = Date.parse(`${day}T${parts.hour}:${parts.minute}:00Z`);
  return { day, offsetMs: wall - Math.floor(epochMs / 60_000) * 60_000 };
}

const hour = 3_600_000;

describe("Sweden's clock", () => {
  it('when every half hour over the last week of March, September and October, 1990 to 2150, is read, then the day and the offset are the time-zone database’s', () => {
    const wrong: string[] = [];
    for (let year = 1990; year <= 2150; year += 1) {
      for (const [from, to] of [[`${year}-03-24`, `${year}-04-01`], [`${year}-09-23`, `${year}-10-01`], [`${year}-10-24`, `${year}-11-01`]] as const) {
        for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += hour / 2) {
          const expected = stockholmWallClock(t);
          if (swedishDay(t) !== expected.day || swedishOffset(t) !== expected.offsetMs) wrong.push(new Date(t).toISOString());
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('when a thousand instants drawn across 1990 to 2150 are read, then each day is the time-zone database’s', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const [first, last] = [Date.parse('1990-01-01T00:00:00Z'), Date.parse('2150-12-31T00:00:00Z')];
    for (let i = 0; i < 1_000; i += 1) {
      const t = Math.floor(first + next() * (last - first));
      expect([new Date(t).toISOString(), swedishDay(t)]).toEqual([new Date(t).toISOString(), stockholmWallClock(t).day]);
    }
  });

  it.each([
    ['a winter morning', '2027-01-04', '08:00', '2027-01-04T07:00:00.000Z'],
    ['a summer morning', '2027-07-05', '08:00', '2027-07-05T06:00:00.000Z'],
    ['the hour the clock skips in spring, read as winter time', '2027-03-28', '02:30', '2027-03-28T01:30:00.000Z'],
    ['the hour the clock passes twice in autumn, the first time', '2027-10-31', '02:30', '2027-10-31T00:30:00.000Z'],
    ['half past midnight after the clocks went forward', '2027-03-29', '00:30', '2027-03-28T22:30:00.000Z'],
    ['half past midnight after the clocks went back', '2027-11-01', '00:30', '2027-10-31T23:30:00.000Z'],
  ])('when %s is asked for, then its instant is the wall clock’s in Stockholm', (_why, date, time, instant) => {
    expect(new Date(swedishInstant(date, time)).toISOString()).toBe(instant);
    expect(swedishDay(swedishInstant(date, time))).toBe(date);
  });

  it('when it is 00:30 in Sweden and still yesterday in UTC, then today is Sweden’s under the current rules and UTC’s in a run begun before them', () => {
    const halfPastMidnight = swedishInstant('2027-12-27', '00:30');
    expect(todayUnder(currentRules, halfPastMidnight)).toBe('2027-12-27');
    expect(todayUnder(calendarLawRules, halfPastMidnight)).toBe('2027-12-26');
  });
});

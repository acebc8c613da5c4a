import ICAL from 'ical.js';
import { PartnershipDriver } from '../support/lifecycle';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';

// A title is free text: it may hold a line break, and every iCalendar and mail special. What a
// subscriber's calendar or a recipient's mail program reads of it must be the title, as one value,
// and never a property or a header of its own.
const hostileTitle = 'Läxhjälp, läsa; skriva \\ räkna\r\nATTENDEE:mailto:evil@example.com';
// iCalendar's TEXT has one line break (RFC 5545 section 3.3.11), written \n: CR LF is read back as it.
const titleAsRead = hostileTitle.replace('\r\n', '\n');

// ical.js knows RFC 5545's properties; the calendar's name is RFC 7986's NAME (and Apple's
// X-WR-CALNAME before it), TEXT both, so it is told to read them as such.
Object.assign(ICAL.design.icalendar.property, { name: { defaultType: 'text' }, 'x-wr-calname': { defaultType: 'text' } });

type JCal = [string, [string, ...unknown[]][], JCal[]];

/** What a calendar is made of: each component's name, its properties' names, and its components, in order. */
const shapeOf = ([name, properties, components]: JCal): unknown => [name, properties.map(([property]) => property), components.map(shapeOf)];

describe('a title in the calendar feed and in e-mail', () => {
  let system: TestSystem;
  let hostile: PartnershipDriver;
  let plain: PartnershipDriver;

  beforeAll(async () => {
    system = await startSystem();
    hostile = await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: hostileTitle, coordinator: { name: 'Anna Andersson', email: 'hostile@example.se' } });
    plain = await PartnershipDriver.register(system);
    // In IMPLEMENTATION, with meetings and the term's end ahead: events that carry the title too.
    await hostile.implement();
    await plain.implement();
  }, 180_000);
  afterAll(() => system.stop());

  const feed = async (driver: PartnershipDriver) => {
    const response = await api(system, 'GET', `/api/v1/partnerships/${driver.id}/calendar.ics`, { key: system.adminKey });
    expect(response.status).toBe(200);
    return response.body as string;
  };

  it('when a title holds CR LF and a property line, then the feed has exactly the properties of any other, and its name is the whole title as one escaped value', async () => {
    const hostileFeed = ICAL.parse(await feed(hostile)) as unknown as JCal;
    const plainFeed = ICAL.parse(await feed(plain)) as unknown as JCal;

    expect(shapeOf(hostileFeed)).toEqual(shapeOf(plainFeed));
    const calendar = new ICAL.Component(hostileFeed);
    expect([calendar.getFirstPropertyValue('name'), calendar.getFirstPropertyValue('x-wr-calname')]).toEqual([titleAsRead, titleAsRead]);
    const events = calendar.getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(String(event.getFirstPropertyValue('summary'))).toMatch(/: Läxhjälp, läsa; skriva \\ räkna\nATTENDEE:mailto:evil@example\.com$/);
      expect(event.getAllProperties('attendee')).toEqual([]);
    }
  });

  it('when a title holds CR LF and a header line, then the e-mail about it has it in its subject, on one line, and no header of its own', async () => {
    const mail = await eventually(async () => system.smtp.messages.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === 'hostile@example.se'));

    expect(mail.subject).toBe(`IOP registrerat: ${hostileTitle.replace('\r\n', ' ')}`);
    expect(mail.headerLines.map((h) => h.key)).not.toContain('attendee');
    // Folded, a header goes on after a line break and a space; unfolded, it is one line.
    expect(mail.headerLines.find((h) => h.key === 'subject')?.line.replace(/\r?\n[ \t]/g, ' ')).not.toMatch(/[\r\n]/);
  });
});

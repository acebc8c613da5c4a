import { calendarFeedToken } from '../../api/partnerships/calendar-routes';
import { PartnershipDriver } from '../support/lifecycle';
import { api, examplePartnership, serveApp, startSystem, type TestSystem } from '../support/system';

const problemType = 'application/problem+json; charset=utf-8';
const publicBaseUrl = 'http://127.0.0.1:3000';
const feedSecret = 'kalender-hemlighet-som-bara-testet-kanner-till';

/** The lines of an iCalendar text, folded lines joined again (RFC 5545 section 3.1). */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);

/** Each VEVENT's own lines, and its alarms' lines apart. */
function eventsOf(ics: string): { lines: string[]; alarms: string[][] }[] {
  const events: { lines: string[]; alarms: string[][] }[] = [];
  let event: { lines: string[]; alarms: string[][] } | undefined;
  let alarm: string[] | undefined;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') {
      event = { lines: [], alarms: [] };
    } else if (line === 'END:VEVENT') {
      events.push(event!);
      event = undefined;
    } else if (line === 'BEGIN:VALARM') {
      alarm = [];
    } else if (line === 'END:VALARM') {
      event!.alarms.push(alarm!);
      alarm = undefined;
    } else {
      (alarm ?? event?.lines)?.push(line);
    }
  }
  return events;
}

const value = (lines: string[], name: string) => lines.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);

describe('the calendar feed of a partnership', () => {
  let system: TestSystem;
  // The same API over the same database, but with a secret to sign subscription URLs with.
  let signing: Awaited<ReturnType<typeof serveApp>>;
  let driver: PartnershipDriver;
  let contact: { name: string; email: string };
  let deadlines: { key: string; kind: string; dueOn: string }[];
  const feedPath = () => `/api/v1/partnerships/${driver.id}/calendar.ics`;

  beforeAll(async () => {
    system = await startSystem();
    signing = await serveApp({
      db: system.db,
      temporal: system.temporal,
      taskQueue: system.taskQueue,
      logger: system.logs.logger,
      publicBaseUrl,
      calendarFeedSecret: feedSecret,
    });

    driver = await PartnershipDriver.register(system);
    const [, , forening] = await driver.implement();
    // A named contact person of the association, so that there is personal data that must stay out.
    const party = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: system.adminKey })).body.parties.find(
      (p: { partyId: string }) => p.partyId === forening,
    );
    contact = { name: 'Karin Lund', email: 'karin.lund@stadsmissionen.example' };
    const created = await api(system, 'POST', `/api/v1/organisations/${party.organisationId}/contacts`, { key: system.adminKey, body: contact });
    await driver.step('assign-contacts', { partyId: forening, contactIds: [created.body.id] });
    deadlines = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: system.adminKey })).body.deadlines;
  }, 120_000);

  afterAll(async () => {
    await signing.close();
    await system.stop();
  });

  it('when the feed is fetched with an API key, then it is an iCalendar named after the partnership with one all-day event per upcoming deadline but the meeting reminders', async () => {
    const response = await api(system, 'GET', feedPath(), { key: system.adminKey });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const lines = unfold(response.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toEqual(expect.arrayContaining(['VERSION:2.0', 'PRODID:-//IOP Lifecycle//iop-lifecycle//SV', `X-WR-CALNAME:${examplePartnership.title}`]));

    // A partnership in IMPLEMENTATION has meetings ahead, and a reminder before each.
    expect(deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['FOLLOW_UP_MEETING', 'FOLLOW_UP_REMINDER', 'TERM_END']));
    const expected = deadlines.filter((d) => d.kind !== 'FOLLOW_UP_REMINDER');
    const events = eventsOf(response.body);
    expect(events.map((e) => [value(e.lines, 'UID'), value(e.lines, 'DTSTART;VALUE=DATE')])).toEqual(
      expected.map((d) => [`${driver.id}:${d.key}@127.0.0.1`, d.dueOn.replaceAll('-', '')]),
    );
    for (const event of events) {
      expect(value(event.lines, 'SUMMARY')).toMatch(new RegExp(`^[A-ZÅÄÖ][^:]+: ${examplePartnership.title}$`));
      // No CASE_LINK_TEMPLATE here: no link, rather than one to the API that a calendar cannot open.
      expect(value(event.lines, 'DESCRIPTION')).not.toMatch(/https?:/);
      expect(value(event.lines, 'URL')).toBeUndefined();
    }
    expect(value(events.find((e) => value(e.lines, 'UID')!.includes(':term-end:'))!.lines, 'SUMMARY')).toBe(`Avtalstiden löper ut: ${examplePartnership.title}`);
  });

  it('when a follow-up meeting is in the feed, then it has the UID of the mailed invitation and a reminder alarm a week before instead of an event of its own', async () => {
    const response = await api(system, 'GET', feedPath(), { key: system.adminKey });
    const events = new Map(eventsOf(response.body).map((e) => [value(e.lines, 'UID'), e]));

    const reminders = deadlines.filter((d) => d.kind === 'FOLLOW_UP_REMINDER');
    expect(reminders.length).toBeGreaterThan(0);
    for (const reminder of reminders) {
      // The UID that activities/notify-deadline.ts gives the invitation it mails with this reminder.
      const meeting = events.get(`${driver.id}:${reminder.key.replace('reminder', 'meeting')}@127.0.0.1`);
      expect(meeting).toBeDefined();
      expect(value(meeting!.lines, 'SUMMARY')).toBe(`Samråd: ${examplePartnership.title}`);
      expect(meeting!.alarms).toEqual([expect.arrayContaining(['ACTION:DISPLAY', 'TRIGGER:-P7D'])]);
      expect(events.has(`${driver.id}:${reminder.key}@127.0.0.1`)).toBe(false);
    }
    for (const [uid, event] of events) if (!uid!.includes(':follow-up-meeting:')) expect(event.alarms).toEqual([]);
  });

  it('when the feed is read, then no person in the partnership is named in it, nor any e-mail address', async () => {
    const response = await api(system, 'GET', feedPath(), { key: system.adminKey });

    for (const personal of [contact.email, contact.name, examplePartnership.coordinator.email, examplePartnership.coordinator.name]) {
      expect(response.body).not.toContain(personal);
    }
    expect(response.body).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
    expect(response.body).not.toContain('@example');
  });

  it('when the feed is fetched without a key or a token, then it is refused with 401 problem+json', async () => {
    const response = await api(system, 'GET', feedPath());

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe(problemType);
    expect(response.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });

  it('when the partnership does not exist, then the feed and its subscription answer 404 problem+json', async () => {
    const missing = crypto.randomUUID();
    const feed = await api(system, 'GET', `/api/v1/partnerships/${missing}/calendar.ics`, { key: system.adminKey });
    const subscription = await api(signing, 'POST', `/api/v1/partnerships/${missing}/calendar-subscription`, { key: system.adminKey });
    // A well-signed token for an id that was never registered still finds nothing.
    const signed = await api(signing, 'GET', `/api/v1/partnerships/${missing}/calendar.ics?token=${calendarFeedToken(feedSecret, missing)}`);

    for (const response of [feed, subscription, signed]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe(problemType);
    }
  });

  it('when a subscription URL is asked for, then it is built on the public base URL and its token opens the feed without a key', async () => {
    const subscription = await api(signing, 'POST', `/api/v1/partnerships/${driver.id}/calendar-subscription`, { key: system.adminKey });

    expect(subscription.status).toBe(200);
    const url = new URL(subscription.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${publicBaseUrl}${feedPath()}`);
    const feed = await api(signing, 'GET', url.pathname + url.search);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const byKey = await api(system, 'GET', feedPath(), { key: system.adminKey });
    expect(eventsOf(feed.body).map((e) => value(e.lines, 'UID'))).toEqual(eventsOf(byKey.body).map((e) => value(e.lines, 'UID')));
    // The token is a credential: the request's log line names the feed but not the token.
    const token = url.searchParams.get('token')!;
    expect(system.logs.raw.some((line) => line.includes(feedPath()))).toBe(true);
    expect(system.logs.raw.filter((line) => line.includes(token))).toEqual([]);
  });

  it("when a token is wrong, or is another partnership's, then the feed is refused with 401 problem+json", async () => {
    const token = calendarFeedToken(feedSecret, driver.id);
    const other = await PartnershipDriver.register(system);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

    for (const [path, given] of [
      [feedPath(), tampered],
      [feedPath(), 'short'],
      [`/api/v1/partnerships/${other.id}/calendar.ics`, token],
    ] as const) {
      const response = await api(signing, 'GET', `${path}?token=${given}`);
      expect({ given, status: response.status, type: response.headers.get('content-type') }).toEqual({ given, status: 401, type: problemType });
    }
  });

  it('when no secret is configured, then no subscription URL is given out (409) and every token is refused', async () => {
    const subscription = await api(system, 'POST', `/api/v1/partnerships/${driver.id}/calendar-subscription`, { key: system.adminKey });
    const feed = await api(system, 'GET', `${feedPath()}?token=${calendarFeedToken(feedSecret, driver.id)}`);

    expect(subscription.status).toBe(409);
    expect(subscription.headers.get('content-type')).toBe(problemType);
    expect(feed.status).toBe(401);
    expect(feed.headers.get('content-type')).toBe(problemType);
  });

  it('when the OpenAPI document is read, then the feed is published as text/calendar, to be read with a key or a token', async () => {
    const document = (await api(system, 'GET', '/api/v1/openapi.json')).body;

    const feed = document.paths['/api/v1/partnerships/{id}/calendar.ics'].get;
    expect(Object.keys(feed.responses['200'].content)).toEqual(['text/calendar']);
    expect(feed.security).toEqual([{ ApiKey: [] }, { Person: [] }, { CalendarFeedToken: [] }]);
    expect(document.components.securitySchemes.CalendarFeedToken).toMatchObject({ type: 'apiKey', in: 'query', name: 'token' });
    expect(document.paths['/api/v1/partnerships/{id}/calendar-subscription'].post.security).toEqual([{ ApiKey: [] }, { Person: [] }]);
  });
});

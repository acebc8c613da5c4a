import { deadlineNotice } from '../../activities/mail/deadline-notice-emails';
import ICAL from 'ical.js';
import { followUpInvitation } from '../../activities/mail/meeting-invitation';
import type { DeadlineKind } from '../../domain/deadlines';
import { caseLink } from '../../domain/case-link';

const kinds: DeadlineKind[] = [
  'REVIEW_REMINDER', 'REVIEW_ESCALATION', 'DECISION_REMINDER', 'DECISION_ESCALATION', 'DECISION_FINAL', 'FOLLOW_UP_REMINDER', 'FOLLOW_UP_MEETING',
  'SILENCE_NUDGE', 'EVALUATION_DUE', 'RENEGOTIATION_NOTICE', 'TERM_END', 'OUTCOME_MEASUREMENT_REMINDER', 'OUTCOME_MEASUREMENT',
];
const input = { title: 'Språkvänner <Borås>', dueOn: '2026-05-01', recipientName: 'Karin', caseUrl: 'https://iop.example/api/v1/partnerships/p-1', monthsLeft: 6 };

type JCal = [string, [string, ...unknown[]][], JCal[]];

/** What a calendar is made of: each component's name, its properties' names, and its components, in order. */
const shapeOf = ([name, properties, components]: JCal): unknown => [name, properties.map(([property]) => property), components.map(shapeOf)];

describe('the e-mail people receive', () => {
  it.each(kinds.flatMap((kind) => [[kind, 'sv'], [kind, 'en']] as const))('when a %s notice is rendered in %s, then it has a subject, a text part and an escaped HTML part', (kind, language) => {
    const mail = deadlineNotice(kind, language, input);

    expect(mail.subject).toContain('Språkvänner <Borås>');
    expect(mail.text).toContain(language === 'sv' ? 'Hej Karin,' : 'Hello Karin,');
    expect(mail.text).toContain(input.caseUrl);
    expect(mail.html).toContain('Språkvänner &lt;Borås&gt;');
    expect(mail.html).not.toContain('<Borås>');
  });

  it('when a renegotiation notice is rendered, then it says how long is left and that nothing renews by itself', () => {
    const mail = deadlineNotice('RENEGOTIATION_NOTICE', 'sv', input);
    expect(mail.subject).toBe('6 månader kvar av avtalstiden: Språkvänner <Borås>');
    expect(mail.text).toContain('Ingenting förlängs automatiskt.');
  });

  it.each([
    ['sv', 'Beslutet som Kommunstyrelsen i Borås Stad fattade om "Språkvänner <Borås>" har vunnit laga kraft.', 'Överklagandetiden löpte ut 2027-12-27 utan att något överklagande registrerats.'],
    ['en', 'The decision of Kommunstyrelsen of Borås Stad on "Språkvänner <Borås>" is final.', 'The appeal period ended on 2027-12-27 with no appeal recorded.'],
  ] as const)('when a decision-final notice is rendered in %s, then it names whose decision it was and its last day to appeal, not the day the notice is due', (language, whose, ended) => {
    const decision = { organisationName: 'Borås Stad', decidingBody: 'Kommunstyrelsen', lastDayToAppeal: '2027-12-27' };
    const mail = deadlineNotice('DECISION_FINAL', language, { ...input, dueOn: '2027-12-28', decision });
    expect(mail.text).toContain(whose);
    expect(mail.text).toContain(ended);
    expect(mail.text).not.toContain('2027-12-28');
  });

  it('when a follow-up invitation is made, then it is an iCalendar request for that day, to every attendee, with a stable UID', () => {
    const ics = followUpInvitation({
      uid: 'follow-up-meeting:1:3@iop.example',
      title: 'Språkvänner',
      date: '2026-07-01',
      organiserEmail: 'noreply@iop.example',
      attendeeEmails: ['karin@example.se', 'per@example.se'],
      caseUrl: 'https://iop.example/api/v1/partnerships/p-1',
    });
    const unfolded = ics.replace(/\r\n[ \t]/g, '');

    expect(unfolded).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(unfolded).toContain('METHOD:REQUEST');
    expect(unfolded).toContain('UID:follow-up-meeting:1:3@iop.example');
    expect(unfolded).toContain('DTSTART;VALUE=DATE:20260701');
    expect(unfolded).toContain('SUMMARY:Samråd: Språkvänner');
    expect(unfolded.match(/^ATTENDEE.*$/gm)).toHaveLength(2);
    expect(unfolded).toContain('MAILTO:karin@example.se');
  });

  it('when a title holds CR LF and a property line, then the invitation has the same properties as any other and the title whole in its summary', () => {
    const invitation = (title: string) =>
      ICAL.parse(followUpInvitation({ uid: 'u@iop.example', title, date: '2026-07-01', organiserEmail: 'n@iop.example', attendeeEmails: ['karin@example.se'], caseUrl: null })) as unknown as JCal;
    const hostile = invitation('Läxhjälp, läsa; skriva\r\nATTENDEE:mailto:evil@example.com');

    expect(shapeOf(hostile)).toEqual(shapeOf(invitation('Språkvänner')));
    const event = new ICAL.Component(hostile).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('summary')).toBe('Samråd: Läxhjälp, läsa; skriva\nATTENDEE:mailto:evil@example.com');
    expect(event.getAllProperties('attendee').map((a) => a.getFirstValue())).toEqual(['MAILTO:karin@example.se']);
  });
});

describe('the link to the case', () => {
  const partnership = { id: '0b7e6c38-3a2b-4c1e-9a51-2f4f0f1f8a10', caseNumber: 'KS 2026/123' };

  it('when no link is configured, then the message and the invitation carry none, rather than one to the API that a browser cannot open', () => {
    const mail = deadlineNotice('SILENCE_NUDGE', 'sv', { ...input, caseUrl: caseLink(undefined, partnership) });
    expect(mail.text).not.toMatch(/Öppna ärendet|https?:/);
    expect(mail.html).not.toContain('<a ');
    const ics = followUpInvitation({ uid: 'u@iop.example', title: 'Språkvänner', date: '2026-07-01', organiserEmail: 'n@iop.example', attendeeEmails: [], caseUrl: null });
    expect(ics).not.toMatch(/^URL/m);
  });

  it('when the case system is configured by diarienummer, then the link is to it, the number encoded', () => {
    const link = caseLink('https://diarium.kommun.example/arende?dnr={caseNumber}', partnership);
    expect(link).toBe('https://diarium.kommun.example/arende?dnr=KS%202026%2F123');
    const mail = deadlineNotice('SILENCE_NUDGE', 'en', { ...input, caseUrl: link });
    expect(mail.text).toContain(`Open the case: ${link}`);
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it('when the template needs a diarienummer the case does not have yet, then there is no link', () => {
    expect(caseLink('https://diarium.kommun.example/arende?dnr={caseNumber}', { ...partnership, caseNumber: null })).toBeNull();
    expect(caseLink('https://iop.kommun.example/partnerskap/{id}', { ...partnership, caseNumber: null })).toBe(`https://iop.kommun.example/partnerskap/${partnership.id}`);
  });
});

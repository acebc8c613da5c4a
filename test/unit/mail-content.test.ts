import { deadlineNotice } from '../../activities/mail/deadline-notices';
import { followUpInvitation } from '../../activities/mail/meeting-invitation';
import type { DeadlineKind } from '../../domain/deadlines';

const kinds: DeadlineKind[] = [
  'REVIEW_REMINDER', 'REVIEW_ESCALATION', 'DECISION_REMINDER', 'DECISION_ESCALATION', 'DECISION_FINAL', 'FOLLOW_UP_REMINDER', 'FOLLOW_UP_MEETING',
  'SILENCE_NUDGE', 'EVALUATION_DUE', 'RENEGOTIATION_NOTICE', 'TERM_END', 'OUTCOME_MEASUREMENT_REMINDER', 'OUTCOME_MEASUREMENT',
];
const input = { title: 'Språkvänner <Borås>', dueOn: '2026-05-01', recipientName: 'Karin', caseUrl: 'https://iop.example/api/v1/partnerships/p-1', monthsLeft: 6 };

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
});

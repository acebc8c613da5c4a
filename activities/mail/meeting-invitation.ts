import ical, { ICalCalendarMethod } from 'ical-generator';

/**
 * A follow-up meeting as a calendar invitation (.ics). The UID derives from the deadline's key, so
 * a re-sent or rescheduled invitation updates the same calendar entry instead of adding one.
 */
export function followUpInvitation(input: {
  uid: string;
  title: string;
  date: string;
  organiserEmail: string;
  attendeeEmails: string[];
  caseUrl: string | null;
}): string {
  const calendar = ical({ name: 'IOP Lifecycle', method: ICalCalendarMethod.REQUEST, prodId: { company: 'IOP Lifecycle', product: 'iop-lifecycle' } });
  calendar.createEvent({
    id: input.uid,
    start: new Date(`${input.date}T00:00:00Z`),
    allDay: true,
    summary: `Samråd: ${input.title}`,
    description: [`Löpande samråd i partnerskapet ${input.title}.`, ...(input.caseUrl ? [input.caseUrl] : [])].join('\n'),
    ...(input.caseUrl ? { url: input.caseUrl } : {}),
    organizer: { name: 'IOP Lifecycle', email: input.organiserEmail },
    attendees: input.attendeeEmails.map((email) => ({ email, rsvp: true })),
  });
  return calendar.toString();
}

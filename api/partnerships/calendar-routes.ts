import { createHmac, timingSafeEqual } from 'node:crypto';
import { caseLink } from '../../domain/case-link';
import type { Client } from '@temporalio/client';
import ical, { escape, ICalAlarmType, ICalEventTransparency } from 'ical-generator';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import type { Deadline, DeadlineKind } from '../../domain/deadlines';
import type { Timing } from '../../domain/timing';
import { ProblemError, problems } from '../http/problem';
import type { QueryCredential, RouteTable } from '../http/route';
import { plannedDeadlines } from './planned-deadlines';
import { partnershipIdParams } from './schemas';

// What each deadline is called in the feed, in Swedish, the product's language. A follow-up
// reminder has no entry: the meeting (samrådet) is the event, and its reminder is the event's alarm.
const eventTitles: Record<Exclude<DeadlineKind, 'FOLLOW_UP_REMINDER'>, string> = {
  REVIEW_REMINDER: 'Påminnelse om juridisk granskning',
  REVIEW_ESCALATION: 'Försenad juridisk granskning',
  DECISION_REMINDER: 'Påminnelse om partsbeslut',
  DECISION_ESCALATION: 'Försenat partsbeslut',
  DECISION_FINAL: 'Beslutet vinner laga kraft',
  // The same summary as the e-mailed invitation, which shares the event's UID.
  FOLLOW_UP_MEETING: 'Samråd',
  SILENCE_NUDGE: 'Länge sedan senaste uppföljningen',
  EVALUATION_DUE: 'Utvärdering',
  RENEGOTIATION_NOTICE: 'Inför omförhandling',
  TERM_END: 'Avtalstiden löper ut',
  TERM_END_REMINDER: 'Ingen ny avtalsperiod beslutad',
  NEW_TERM_START: 'Ny avtalsperiod börjar',
  OUTCOME_MEASUREMENT_REMINDER: 'Mätdatum närmar sig',
  OUTCOME_MEASUREMENT: 'Mätdatum för utfallskontraktet',
};

const day = 24 * 3600;

export interface CalendarDependencies {
  db: Database;
  temporal: Client;
  publicBaseUrl: string;
  /** CASE_LINK_TEMPLATE (domain/case-link.ts); unset, events carry no link. */
  caseLinkTemplate?: string;
  /** Signs subscription URLs; unset, only an API key reads a feed. */
  calendarFeedSecret?: string;
}

/** A partnership's upcoming deadlines as an iCalendar (RFC 5545) document. Names and addresses stay out. */
export function calendarFeed(input: { partnershipId: string; title: string; caseUrl: string | null; domain: string; deadlines: Deadline[]; timing: Timing }): string {
  const calendar = ical({
    // ical-generator escapes an event's text but writes the calendar's name as given: escaped here by
    // its own TEXT rule (RFC 5545 section 3.3.11), a line break in a title cannot start a property.
    name: escape(input.title, false),
    prodId: { company: 'IOP Lifecycle', product: 'iop-lifecycle', language: 'SV' },
    // Deadlines move when a step is taken; without this a client polls as seldom as it likes.
    ttl: 6 * 3600,
  });
  for (const deadline of input.deadlines) {
    if (deadline.kind === 'FOLLOW_UP_REMINDER') continue;
    const what = eventTitles[deadline.kind];
    const meeting = deadline.kind === 'FOLLOW_UP_MEETING';
    const remindDays = input.timing.followUp.remindDaysBefore;
    calendar.createEvent({
      // The invitation mailed before a meeting uses this UID too, so a client merges the two.
      id: `${input.partnershipId}:${deadline.key}@${input.domain}`,
      start: deadline.dueOn,
      allDay: true,
      summary: `${what}: ${input.title}`,
      description: [`${what} i partnerskapet ${input.title}.`, ...(input.caseUrl ? [input.caseUrl] : [])].join('\n'),
      ...(input.caseUrl ? { url: input.caseUrl } : {}),
      // A deadline is a marker, not a booking: it should not make the whole day busy.
      transparency: ICalEventTransparency.TRANSPARENT,
      alarms:
        meeting && remindDays > 0
          ? [{ type: ICalAlarmType.display, triggerBefore: remindDays * day, description: `Samråd om ${remindDays} dagar: ${input.title}` }]
          : [],
    });
  }
  return calendar.toString();
}

/** The subscription token of a feed. Derived, not stored: changing the secret revokes every URL. */
export function calendarFeedToken(secret: string, partnershipId: string): string {
  return createHmac('sha256', secret).update(`calendar-feed:${partnershipId}`).digest('base64url');
}

function tokenGrants(secret: string | undefined, partnershipId: string, presented: string): boolean {
  if (!secret) return false;
  const expected = Buffer.from(calendarFeedToken(secret, partnershipId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function partnershipCalendarRoutes(routes: RouteTable, basePath: string, deps: CalendarDependencies): void {
  const { db, publicBaseUrl, calendarFeedSecret } = deps;
  const feedPath = (id: string) => `${basePath}/partnerships/${id}/calendar.ics`;
  // Calendar clients cannot send a key header: a subscription URL carries a token for one partnership.
  const subscriptionToken: QueryCredential = {
    name: 'token',
    scheme: 'CalendarFeedToken',
    description: "A partnership's calendar subscription token, from `POST /partnerships/{id}/calendar-subscription`; it opens that feed only.",
    verify: (value, req) => tokenGrants(calendarFeedSecret, String(req.params.id), value),
  };

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/calendar.ics',
    operationId: 'getPartnershipCalendar',
    summary: 'The upcoming meetings and deadlines as a calendar feed (iCalendar) to subscribe to',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    queryCredential: subscriptionToken,
    params: partnershipIdParams,
    responses: {
      200: { description: 'One all-day event per upcoming deadline', contentType: 'text/calendar', schema: z.string().meta({ description: 'iCalendar (RFC 5545)' }) },
      404: { description: 'No such partnership' },
      503: { description: 'The workflow engine cannot be reached to tell what is planned' },
    },
    handler: async ({ params }) => {
      const { title, caseNumber, deadlines, timing } = await plannedDeadlines(db, deps.temporal, params.id);
      const body = calendarFeed({
        partnershipId: params.id,
        title,
        caseUrl: caseLink(deps.caseLinkTemplate, { id: params.id, caseNumber }),
        domain: new URL(publicBaseUrl).hostname,
        deadlines,
        timing,
      });
      return { status: 200, body };
    },
  });

  routes.add(basePath, {
    method: 'post',
    path: '/partnerships/:id/calendar-subscription',
    operationId: 'createPartnershipCalendarSubscription',
    summary: 'A URL to subscribe to the calendar feed with, for clients that cannot send an API key',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: {
      200: { description: 'The subscription URL; it carries its token', schema: z.object({ url: z.url() }).meta({ id: 'CalendarSubscription' }) },
      404: { description: 'No such partnership' },
      409: { description: 'No secret to sign subscription URLs with is configured' },
    },
    handler: async ({ params }) => {
      if (!(await db.partnership.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such partnership');
      if (!calendarFeedSecret) {
        throw new ProblemError(409, 'calendar-subscription-unavailable', 'Calendar subscriptions are not configured', 'Set CALENDAR_FEED_SECRET to offer subscription URLs');
      }
      const url = new URL(feedPath(params.id), publicBaseUrl);
      url.searchParams.set('token', calendarFeedToken(calendarFeedSecret, params.id));
      return { status: 200, body: { url: url.toString() } };
    },
  });
}

import type { Client } from '@temporalio/client';
import type { Database } from '../platform/database';
import type { Logger } from '../platform/logger';
import type { Mailer } from '../platform/mailer';
import { caseLink } from '../domain/case-link';
import { partnershipRegisteredEmail } from './mail/partnership-registered';
import { sendEmailOnce } from './mail/send-once';
import { notifyDeadline } from './notify-deadline';
import { announce, type AnnouncementInput } from './announce';
import { readRegisteredPartnership } from '../records/notice-record';
import { recordStep, type StepRecord } from '../records/record-step';
import type { Deadline } from '../domain/deadlines';
import { Context } from '@temporalio/activity';
import { deliverEvent } from '../events/webhook-attempt';
import { disableWebhook, nextWebhookEvents } from '../events/webhook-subscription';
import { webhookWaker } from '../events/wake-webhooks';
import { pruneExpired } from '../records/retention';
import { countNotice, countWebhookDelivery, countWebhookDisabled } from './worker-metrics';

/** Where the API serves partnerships: an event's CloudEvents source. */
const apiBasePath = '/api/v1';

export interface ActivityDependencies {
  db: Database;
  mailer: Mailer;
  mailFrom: string;
  publicBaseUrl: string;
  /** CASE_LINK_TEMPLATE (domain/case-link.ts); unset, e-mails carry no link. */
  caseLinkTemplate?: string;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: webhooks may point at private addresses (development and tests only). */
  webhookAllowPrivateUrls?: boolean;
  /** Wakes the webhook deliveries once a step's events are committed (events/wake-webhooks.ts). */
  temporal: Client;
  logger: Pick<Logger, 'warn' | 'info'>;
}

/** Activities are built from their dependencies so that tests hand in their own database and SMTP. */
export function createActivities(deps: ActivityDependencies) {
  const mailDeps = { ...deps, domain: new URL(deps.publicBaseUrl).hostname };
  const webhooks = webhookWaker(deps.temporal, deps.db, deps.logger);

  return {
    /** plannedAt: the instant the notice was planned for, epoch milliseconds; runs begun before it was handed along leave it out. */
    async notifyDeadline(input: { partnershipId: string; deadline: Deadline; nextDeadlineOn?: string | null; plannedAt?: number }): Promise<{ sent: number }> {
      const outcome = await notifyDeadline(deps, input);
      countNotice(input.deadline.kind, outcome, input.plannedAt);
      return { sent: outcome.sent };
    },

    async announce(input: AnnouncementInput): Promise<{ sent: number }> {
      return announce(deps, input);
    },

    async nextWebhookEvents(input: { subscriptionId: string; after: string; limit: number }) {
      return nextWebhookEvents(deps.db, input);
    },

    async deliverWebhookEvent(input: { subscriptionId: string; eventId: string }): Promise<{ delivered: boolean; statusCode: number | null }> {
      let outcome;
      try {
        outcome = await deliverEvent({ db: deps.db, apiBasePath, allowPrivateUrls: deps.webhookAllowPrivateUrls ?? false }, { ...input, attempt: Context.current().info.attempt });
      } catch (error) {
        countWebhookDelivery('failed');
        throw error;
      }
      countWebhookDelivery(outcome.delivered ? 'delivered' : 'skipped', outcome.eventTime);
      return { delivered: outcome.delivered, statusCode: outcome.statusCode };
    },

    async disableWebhook(input: { subscriptionId: string; reason: string }): Promise<void> {
      await disableWebhook(deps, input, countWebhookDisabled);
    },

    async pruneExpired(): Promise<void> {
      const pruned = await pruneExpired(deps.db);
      deps.logger.info(pruned, 'expired records pruned');
    },

    async recordStep(record: StepRecord): Promise<void> {
      const recorded = await recordStep(deps.db, record);
      if (record.changes.length === 0) return;
      // A retry that finds the step written wakes every subscription too: the attempt that wrote it may have died first.
      if (recorded.written) webhooks.wake(recorded.activeSubscriptions);
      else webhooks.wake();
    },

    async sendPartnershipRegisteredEmail(input: { partnershipId: string }): Promise<void> {
      const partnership = await readRegisteredPartnership(deps.db, input.partnershipId);
      await sendEmailOnce(mailDeps, {
        idempotencyKey: `${partnership.id}:partnership-registered:${partnership.coordinatorEmail.toLowerCase()}`,
        partnershipId: partnership.id,
        kind: 'partnership-registered',
        to: partnership.coordinatorEmail,
        content: partnershipRegisteredEmail({
          title: partnership.title,
          coordinatorName: partnership.coordinatorName,
          caseUrl: caseLink(deps.caseLinkTemplate, partnership),
        }),
      });
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { ApplicationFailure } from '@temporalio/common';
import { changeType, type Change } from '../domain/changes';
import { isDocumentRef } from '../domain/documents';
import type { OpenTask } from '../domain/tasks';
import type { Actor, PartnershipPhase } from '../workflows/messages';
import type { Database } from '../platform/database';
import { DuplicateRecord } from '../platform/database-errors';
import { loadDocuments, refsIn } from './document-store';
import { changeStatement, partnershipColumns, type RowContext } from './row-writers';
import type { Columns } from './row-types';
import { assignments, Statement } from './statement';
import { stepEventsStatement } from './step-events';
import { taskStatements } from './task-rows';

/** One accepted step, as the workflow hands it over: ids, references and what changed, never the whole state. */
export interface StepRecord {
  partnershipId: string;
  revision: number;
  step: string;
  actor: Actor;
  requestId: string | null;
  phaseBefore: PartnershipPhase;
  changes: Change[];
  /** The work list as the new state has it. */
  openTasks: OpenTask[];
  /** The next deadline the workflow has planned after the step, for finding partnerships; absent from runs of earlier versions. */
  nextDeadlineOn?: string | null;
}

/**
 * Writes one accepted step: its audit row, naming what changed, exactly the rows those changes
 * touch, the work list and the step's events, in one statement (one round trip, atomic by itself).
 * The audit row is unique per (partnership, revision), so a retried activity finds it and writes
 * nothing twice.
 */
export async function recordStep(db: Database, record: StepRecord): Promise<{ written: true; activeSubscriptions: string[] } | { written: false }> {
  const texts = await loadDocuments(db, refsIn(record.changes));
  const text = (value: string | null | undefined): string | null => {
    if (value === null || value === undefined || !isDocumentRef(value)) return value ?? null;
    const found = texts.get(value);
    // Only a caller that reached Temporal around the API can name a text that was never stored.
    if (found === undefined) throw ApplicationFailure.nonRetryable(`No document is stored as ${value}`, 'UNKNOWN_DOCUMENT');
    return found;
  };
  const s = new Statement();
  try {
    const { rows } = await db.pool.query<{ subscriptions: string[] }>(recordStatement(s, record, text), s.values);
    return { written: true, activeSubscriptions: rows[0]?.subscriptions ?? [] };
  } catch (error) {
    if (error instanceof DuplicateRecord) return { written: false };
    throw error;
  }
}

function recordStatement(s: Statement, record: StepRecord, text: RowContext['text']): string {
  const { partnershipId, revision } = record;
  const partnershipChange = record.changes.find((c): c is Extract<Change, { entity: 'partnership'; op: 'added' | 'changed' }> => c.entity === 'partnership' && c.op !== 'removed');
  const phaseAfter = partnershipChange?.value.phase ?? record.phaseBefore;
  const parts = [
    `INSERT INTO "AuditEvent" ("partnershipId", revision, "actorType", "actorId", "actorRole", action, "phaseBefore", "phaseAfter", "requestId", details)
     VALUES (${s.param(partnershipId)}, ${s.param(revision)}, ${s.param(record.actor.type)}, ${s.param(record.actor.keyId)}, ${s.param(record.actor.role ?? null)},
       ${s.param(`partnership.${record.step}`)}, ${s.param(record.phaseBefore)}, ${s.param(phaseAfter)}, ${s.param(record.requestId)},
       ${s.param(JSON.stringify({ changes: record.changes.map((c) => ({ type: changeType(c), key: c.key })) }))})`,
  ];
  const ctx = { s, partnershipId, revision, text };
  for (const [position, change] of record.changes.entries()) {
    if (change.entity === 'partnership') continue;
    const written = changeStatement({ ...ctx, position }, change);
    if (written) parts.push(written);
  }
  // The partnership's row once: its own columns when they changed, and always the revision.
  const columns: Columns<'Partnership'> = {
    ...(partnershipChange ? partnershipColumns(ctx, partnershipChange.value) : {}),
    revision,
    ...(record.nextDeadlineOn === undefined ? {} : { nextDeadlineOn: record.nextDeadlineOn }),
  };
  parts.push(`UPDATE "Partnership" SET ${assignments(s, 'Partnership', columns).join(', ')}, "updatedAt" = now() WHERE id = ${s.param(partnershipId)}::uuid`);
  const contactsChanged = record.changes.some((c) => c.entity === 'party' && c.op !== 'removed');
  parts.push(...taskStatements(s, partnershipId, revision, record.openTasks, contactsChanged));
  // Told in the same statement: an event exists exactly when its step is recorded.
  const events = stepEventsStatement(s, record);
  if (events) parts.push(events);
  // The active webhook subscriptions, answered by the same round trip: each is woken once the step commits (events/wake-webhooks.ts).
  return `WITH ${parts.map((part, i) => `w${i} AS (${part})`).join(',\n')}
    SELECT coalesce(array_agg(id::text), '{}') AS subscriptions FROM "WebhookSubscription" WHERE status = 'ACTIVE'`;
}

import type { Client } from '@temporalio/client';
import type { Deadline } from '../../domain/deadlines';
import { effectiveTiming, type Timing, type TimingOverrides } from '../../domain/timing';
import type { Database } from '../../platform/database';
import { partnershipWorkflowId, upcomingDeadlinesQuery } from '../../workflows/messages';
import { problems } from '../http/problem';

const queryDeadlineMs = 2_000;

/**
 * A partnership's upcoming deadlines, as its workflow has them planned: one clock, the workflow's,
 * decides what is due. Shared by the deadline list and the calendar feed.
 */
export async function plannedDeadlines(db: Database, temporal: Client, id: string): Promise<{ title: string; caseNumber: string | null; deadlines: Deadline[]; timing: Timing }> {
  const row = await db.partnership.findUnique({ where: { id }, select: { title: true, caseNumber: true, timingOverrides: true } });
  if (!row) throw problems.notFound('No such partnership');
  try {
    const deadlines = await temporal.withDeadline(Date.now() + queryDeadlineMs, () =>
      temporal.workflow.getHandle(partnershipWorkflowId(id)).query(upcomingDeadlinesQuery),
    );
    return { title: row.title, caseNumber: row.caseNumber, deadlines, timing: effectiveTiming(row.timingOverrides as TimingOverrides) };
  } catch {
    throw problems.unavailable('The workflow engine cannot be reached to tell what is planned; try again');
  }
}

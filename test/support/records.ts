import { refsIn } from '../../records/document-store';
import { partnershipStateQuery, partnershipWorkflowId } from '../../workflows/messages';
import type { PartnershipDriver } from './lifecycle';
import { api } from './system';

/**
 * The records in PostgreSQL, read through the API, equal the workflow's state with its document
 * references resolved, and the audit trail has one row per revision. What the workflow carries into
 * a new run is a part of the record: those lists are compared as that part.
 */
export async function expectRecordsMatch(driver: PartnershipDriver): Promise<void> {
  const live = await driver.system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).query(partnershipStateQuery);
  const texts = new Map((await driver.system.db.document.findMany({ where: { ref: { in: refsIn(live) } } })).map((d) => [d.ref, d.text]));
  const resolve = (value: unknown): any =>
    typeof value === 'string' ? (texts.get(value) ?? value) : Array.isArray(value) ? value.map(resolve) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)])) : value;
  const { partnershipId: _id, agreementVersions, ...lifecycle } = resolve(live);
  // These lists are kept in a stable order of their own by the records, not in the order of the steps.
  const unordered = (state: any) => {
    const byJson = (rows: unknown[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return {
      ...state,
      principlesAssessment: byJson(state.principlesAssessment),
      externalReferences: byJson(state.externalReferences),
      legalReviews: state.legalReviews.map((r: any) => ({ ...r, answers: byJson(r.answers) })),
    };
  };
  const view = unordered(await driver.state());
  Object.assign(lifecycle, unordered(lifecycle));
  for (const [field, value] of Object.entries(lifecycle)) {
    if (['followUps', 'deviations', 'adjustments', 'evaluations', 'legalReviews'].includes(field)) expect(view[field]).toEqual(expect.arrayContaining(value as unknown[]));
    else expect([field, view[field]]).toEqual([field, value]);
  }
  const versions = (await api(driver.system, 'GET', `/api/v1/partnerships/${driver.id}/agreement-versions`, { key: driver.system.adminKey })).body;
  expect(versions).toEqual(expect.arrayContaining(agreementVersions));

  const audit = await driver.system.db.auditEvent.findMany({ where: { partnershipId: driver.id, revision: { not: null } }, orderBy: { revision: 'asc' } });
  expect(audit.map((a) => a.revision)).toEqual(Array.from({ length: live.revision }, (_, i) => i + 1));
  expect(audit.at(-1)?.phaseAfter).toBe(live.phase);
  for (let i = 1; i < audit.length; i++) expect(audit[i]!.phaseBefore).toBe(audit[i - 1]!.phaseAfter);
}


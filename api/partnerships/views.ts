// What callers see of a partnership: read from the records, and cut to what the caller's role may
// see. Every response that shows a partnership (a GET, a step, a lookup) comes through here.
import type { PartnershipView } from './schemas';
import type { Principal } from '../auth/principal';
import { nextSteps } from '../../domain/next-steps';
import type { Database } from '../../platform/database';
import type { Scope } from '../../domain/policy';
import { partnershipWorkflowId } from '../../workflows/messages';
import type { PartnershipState } from '../../domain/state';
import { readPartnershipRecord, type ContributionRow, type PartyRow } from '../../records/partnership-record';

type S = PartnershipState;

/** A partnership's record, before it is cut for a caller and told what the caller may do next. */
export type PartnershipRecordView = Omit<PartnershipView, 'nextSteps'>;

/** One view of a party, wherever a party is shown: in the partnership's record and in its list of parties. */
export function partyView(p: PartyRow, contributions: ContributionRow[]): S['parties'][number] {
  return {
    partyId: p.partyId,
    organisationId: p.organisationId,
    kind: p.kind,
    joinedInTerm: p.joinedInTerm,
    joinedOn: p.joinedOn,
    contactIds: p.contactIds,
    contributions: contributions
      .filter((c) => c.partyId === p.partyId)
      .map((c) => ({ contributionId: c.contributionId, kind: c.kind, description: c.description, valueSek: c.valueSek })),
    leftOn: p.leftOn,
    leaveReason: p.leaveReason,
  };
}

/** The partnership's whole record, or null when there is none. */
export async function readPartnership(db: Database, id: string): Promise<PartnershipRecordView | null> {
  const record = await readPartnershipRecord(db, id);
  if (!record) return null;
  const { row, parties, contributions, goals, versions, reviews, answers, decisions, terms, followUps, deviations, adjustments, disputes, evaluations, renegotiations, levels, principles, contract, references, ending, tasks } = record;
  return {
    id: row.id,
    title: row.title,
    caseNumber: row.caseNumber,
    coordinator: { name: row.coordinatorName, email: row.coordinatorEmail },
    createdAt: new Date(row.createdAt).toISOString(),
    workflowId: partnershipWorkflowId(row.id),
    phase: row.phase,
    phaseEnteredOn: row.phaseEnteredOn,
    term: row.term,
    revision: row.revision,
    challenge: row.challenge,
    cooperationForm: row.cooperationForm ? { chosen: row.cooperationForm, rationale: row.cooperationRationale ?? '' } : null,
    parties: parties.map((p) => partyView(p, contributions)),
    learningGoals: goals.map((g) => ({ learningGoalId: g.learningGoalId, partyId: g.partyId, description: g.description })),
    participationLevels: Object.fromEntries(levels.map((l) => [l.phase, l.level])),
    principlesAssessment: principles.map((p) => ({ principle: p.principle, assessment: p.assessment })),
    outcomeContract: contract
      ? {
          investor: contract.investor,
          metrics: contract.metrics,
          measurementDate: contract.measurementDate,
          measurements: contract.measurements,
        }
      : null,
    externalReferences: references.map((r) => ({ system: r.system, partyId: r.partyId, reference: r.reference })),
    agreementVersions: versions,
    submittedVersion: row.submittedVersion,
    versionInForce: row.versionInForce,
    legalReviews: reviews.map((r) => ({
      round: r.round,
      agreementVersion: r.agreementVersion,
      conclusion: r.conclusion,
      note: r.note,
      answers: answers
        .filter((a) => a.round === r.round)
        .map((a) => ({
          item: a.item,
          outcome: a.outcome,
          reviewerKeyId: a.reviewerKeyId,
          note: a.note,
          ...(a.publicContractCriteria ? { publicContractCriteria: a.publicContractCriteria } : {}),
        })),
    })),
    decisions: decisions.map(({ partnershipId: _p, term: _t, supersededAtRevision: _s, recordedAtRevision: _r, recordedPosition: _o, ...d }) => ({
      ...d,
      outcome: d.outcome,
      decidingBodyKind: d.decidingBodyKind,
    })),
    implementation: row.implementationStartDate
      ? { startDate: row.implementationStartDate, beforeFinal: row.beforeFinalReason ? { reason: row.beforeFinalReason } : null }
      : null,
    terms: terms.map((t) => ({ term: t.term, startDate: t.startDate, endDate: t.endDate })),
    followUps: followUps.map((f) => ({
      followUpId: f.followUpId,
      term: f.term,
      date: f.date,
      participantPartyIds: f.participantPartyIds,
      summary: f.summary,
      keyFigures: f.keyFigures,
    })),
    deviations: deviations.map((d) => ({ deviationId: d.deviationId, term: d.term, raisedOn: d.raisedOn, raisedByPartyId: d.raisedByPartyId, description: d.description })),
    adjustments: adjustments.map((a) => ({
      adjustmentId: a.adjustmentId,
      term: a.term,
      agreedOn: a.agreedOn,
      description: a.description,
      consentingPartyIds: a.consentingPartyIds,
      newTermEndDate: a.newTermEndDate,
    })),
    disputes: disputes.map((d) => ({
      disputeId: d.disputeId,
      term: d.term,
      raisedOn: d.raisedOn,
      raisedByPartyId: d.raisedByPartyId,
      description: d.description,
      agreementClause: d.agreementClause,
      resolvedOn: d.resolvedOn,
      outcome: d.outcome,
      resolution: d.resolution,
    })),
    evaluations: evaluations.map((e) => ({
      evaluationId: e.evaluationId,
      term: e.term,
      recordedOn: e.recordedOn,
      learningGoalAssessments: e.learningGoalAssessments,
      conflictsToPrevent: e.conflictsToPrevent,
    })),
    renegotiations: renegotiations.map((r) => ({
      term: r.term,
      outcome: r.outcome,
      consents: r.consents,
      note: r.note,
      nextTerm: r.nextTerm ?? null,
    })),
    ending: ending
      ? {
          kind: ending.kind,
          reason: ending.reason,
          agreementClause: ending.agreementClause,
          surplus: ending.surplusHandling
            ? { handling: ending.surplusHandling, amountSek: ending.surplusSek, note: ending.surplusNote ?? '' }
            : null,
          betterForm: ending.betterForm,
        }
      : null,
    timingOverrides: row.timingOverrides,
    waitingOn: tasks.map((t) => ({ key: t.key, kind: t.kind, partyId: t.partyId, waitsOnRole: t.waitsOnRole, dueOn: t.dueOn })),
  };
}

/**
 * What a caller sees of a partnership: the record cut to its role (OWASP API3), with the steps it
 * may take now. A representative of one party does not see the legal review's itemised answers (the
 * public party's own legal assessment; its conclusion stays visible) nor the case numbers that
 * other parties' case systems gave it.
 */
export function partnershipAsSeenBy(view: PartnershipRecordView, scope: Scope | undefined, principal: Pick<Principal, 'role' | 'organisationId'> | undefined, now = Date.now()): PartnershipView {
  const own = new Set(view.parties.filter((p) => principal?.organisationId && p.organisationId === principal.organisationId).map((p) => p.partyId));
  const cut: PartnershipRecordView =
    scope === 'own'
      ? {
          ...view,
          legalReviews: view.legalReviews.map((review) => ({ ...review, answers: [], note: null })),
          externalReferences: view.externalReferences.filter((r) => r.partyId === null || own.has(r.partyId)),
        }
      : view;
  const next = principal ? nextSteps(stateOf(view), { role: principal.role, ownPartyIds: own }, { now, newId: () => 'next-steps', actorKeyId: null }) : [];
  return { ...cut, nextSteps: next };
}

/** The record as the domain's state, for its guards: a version's texts stand in by its headings. */
function stateOf(view: PartnershipRecordView): PartnershipState {
  const { id, title: _t, caseNumber: _c, coordinator: _o, createdAt: _a, workflowId: _w, waitingOn: _q, agreementVersions, ...state } = view;
  return {
    ...state,
    partnershipId: id,
    agreementVersions: agreementVersions.map((v) => ({
      version: v.version,
      locked: v.locked,
      savedAtRevision: v.savedAtRevision,
      sections: Object.fromEntries(v.headings.map((heading) => [heading, heading])),
    })),
  };
}

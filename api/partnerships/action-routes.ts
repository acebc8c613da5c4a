import { z } from 'zod';
import { commandSchemas, commandTypes } from '../../domain/commands';
import { partnershipStateSchema } from '../../domain/state';
import type { RouteTable } from '../http/route';
import { partnershipIdParams } from './schemas';
import type { PartnershipService } from './service';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const summaries: Record<(typeof commandTypes)[number], string> = {
  describeChallenge: 'Describe the societal challenge (samhällsutmaning)',
  chooseCooperationForm: 'Record the chosen form of cooperation and why',
  addParty: 'Add a party, or let one join during the term',
  removeParty: 'Remove a party before the agreement is decided',
  assignContacts: "Name a party's contact persons (registered with its organisation)",
  recordContribution: "Record a party's contribution (money, premises, volunteer work, …)",
  addLearningGoal: 'Add a learning goal, for a party or joint',
  completeInitiation: 'Leave INITIATION for FORMULATION',
  saveAgreementDraft: 'Save the agreement draft (a new version once the last one is locked)',
  submitForLegalReview: 'Submit the draft for legal review (juridisk granskning)',
  recordLegalReviewItem: 'Record one item of the legal-review checklist',
  concludeLegalReview: 'Conclude the legal review: approved, changes requested or rejected',
  recordDecision: "Record a party's decision on the submitted agreement version",
  confirmDecisionFinal: 'Confirm that a decision has become final (laga kraft)',
  recordAppeal: "Record an appeal of a public party's decision: it holds the decision",
  recordAppealOutcome: 'Record the outcome of an appeal: the decision stands, or the party decides again',
  startImplementation: 'Start implementation (genomförande)',
  recordFollowUp: 'Record a follow-up: date, who took part, what was done, key figures',
  raiseDeviation: 'Raise a deviation (avvikelse) openly',
  agreeAdjustment: "Agree an adjustment, with every party's consent",
  startEvaluation: 'Enter EVALUATION',
  recordEvaluation: 'Record the evaluation: each learning goal assessed, conflicts to prevent',
  startRenegotiation: 'Enter RENEGOTIATION once the term is evaluated',
  recordRenegotiationOutcome: 'Record the renegotiation: continue (every party says yes) or end',
  startNewTerm: 'Start a new term after an agreed renegotiation',
  setParticipationLevel: 'Set the participation level of a phase (samverkanskarta)',
  assessPrinciples: "Assess the partnership against Halland's six principles",
  recordOutcomeContract: 'Record outcome-contract financing: investor, metrics and targets, measurement date',
  recordOutcomeMeasurement: 'Record the measured outcomes of the outcome contract',
  recordExternalReference: "Record a party's case number (diarienummer) in its case system",
  setTiming: "Set this partnership's own reminder and meeting durations; what is left out follows the defaults",
  close: 'Close the case in INITIATION, for example because another form of cooperation fits better',
  expireTerm: 'End the partnership when its term has run out without a new one (the system takes this step)',
  withdraw: 'Withdraw the case before the agreement takes effect (avskrivning)',
  terminate: 'Terminate the agreement early (hävning) under its clause',
};

/** One POST route per step, each validated by the step's own schema. */
export function partnershipActionRoutes(routes: RouteTable, basePath: string, service: PartnershipService): void {
  for (const type of commandTypes) {
    routes.add(basePath, {
      method: 'post',
      path: `/partnerships/:id/actions/${kebab(type)}`,
      operationId: type,
      summary: summaries[type],
      tags: ['Partnership steps'],
      access: 'api-key',
      owner: 'partnership',
      params: partnershipIdParams,
      body: commandSchemas[type] as z.ZodType,
      responses: {
        200: { description: 'The step was taken; the new state', schema: partnershipStateSchema },
        403: { description: 'The role may not take this step, or a representative acted for another party; `reason` is FORBIDDEN or NOT_YOUR_PARTY' },
        404: { description: 'No such partnership' },
        409: { description: "The workflow refused the step; `reason` is its typed reason" },
        503: { description: 'The workflow engine is unreachable; nothing changed' },
      },
      handler: async ({ params, body, principal, requestId, req }) => {
        const state = await service.act(params.id, type, body as never, principal!, requestId, req.get('idempotency-key'));
        return { status: 200, body: state };
      },
    });
  }
}

// INITIATION (agendasättning): the challenge, the parties, their contributions and learning goals, and the form of cooperation.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import { contributionKinds, cooperationForms, partiesInTerm } from '../state';
import { defineStep, id, text, isoDate, findParty, unknownParty, phaseGroups, notInFuture, rulesOf, todayOf } from './step';

/**
 * A party is of its organisation's registered kind, and the IOP guards count on it: the API reads
 * the kind from the organisation's record and gives it here, refusing one given otherwise
 * (PARTY_KIND_MISMATCH). A caller may leave it out.
 */
export const partyKind = z
  .enum(['PUBLIC', 'IDEBUREN', 'PRIVATE'])
  .optional()
  .meta({ description: "The organisation's registered kind, which the party takes; when given, it must be that kind" });

/** The workflow cannot read the register: a step that reaches it without the kind is refused. */
export const kindNotGiven = () => refuse('PARTY_KIND_MISMATCH', "A party's kind is its organisation's registered kind, and none was given");

export const initiationSteps = {
  describeChallenge: defineStep({
    summary: 'Describe the societal challenge (samhällsutmaning)',
    phases: ['INITIATION', 'FORMULATION'],
    rights: staff,
    documents: ['challenge'],
    payload: z
      .object({ challenge: text(10_000).meta({ description: 'The societal challenge (samhällsutmaning) and its parts' }) })
      .strict()
      .meta({ id: 'DescribeChallenge' }),
    apply(state, { challenge }) {
      state.challenge = challenge;
    },
  }),

  chooseCooperationForm: defineStep({
    summary: 'Record the chosen form of cooperation and why',
    phases: ['INITIATION'],
    rights: staff,
    documents: ['rationale'],
    payload: z
      .object({
        form: z.enum(cooperationForms),
        rationale: text(5_000).meta({ description: 'Why this form and not a grant, procurement or dialogue' }),
      })
      .strict()
      .meta({ id: 'ChooseCooperationForm' }),
    apply(state, { form, rationale }) {
      state.cooperationForm = { chosen: form, rationale };
    },
  }),

  addParty: defineStep({
    summary: 'Add a party, or let one join during the term',
    phases: ['INITIATION', 'FORMULATION', 'IMPLEMENTATION', 'RENEGOTIATION'],
    rights: staff,
    payload: z
      .object({
        organisationId: id.meta({ description: 'A registered organisation' }),
        kind: partyKind,
        joinedOn: isoDate.optional().meta({ description: 'The day it joined; today when left out' }),
        fromTerm: z
          .number()
          .int()
          .min(1)
          .max(1_000)
          .optional()
          .meta({ description: 'The term from which it takes part: this one, or in RENEGOTIATION the next; this one when left out' }),
      })
      .strict()
      .meta({ id: 'AddParty' }),
    apply(state, { organisationId, kind, joinedOn, fromTerm }, ctx) {
      if (!kind) return kindNotGiven();
      if (state.parties.some((p) => p.organisationId === organisationId && !p.leftOn)) {
        return refuse('PARTY_ALREADY_ADDED', 'The organisation is already a party');
      }
      const rules = rulesOf(ctx);
      const term = fromTerm ?? state.term;
      if (rules.calendarLaw.partiesJoinInTerm && term !== state.term && !(term === state.term + 1 && state.phase === 'RENEGOTIATION')) {
        return refuse('WRONG_TERM', `A party takes part from this term (${state.term}), or in RENEGOTIATION from the next`);
      }
      const future = notInFuture(ctx, 'joinedOn', joinedOn);
      if (future) return future;
      state.parties.push({
        partyId: ctx.newId(),
        organisationId,
        kind,
        joinedInTerm: rules.calendarLaw.partiesJoinInTerm ? term : state.term,
        joinedOn: rules.calendarLaw.partiesJoinInTerm ? (joinedOn ?? todayOf(ctx)) : null,
        contactIds: [],
        contributions: [],
        leftOn: null,
        leaveReason: null,
      });
    },
  }),

  removeParty: defineStep({
    summary: 'Remove a party before the agreement is decided',
    phases: ['INITIATION', 'FORMULATION'],
    rights: staff,
    payload: z.object({ partyId: id }).strict().meta({ id: 'RemoveParty' }),
    apply(state, { partyId }) {
      if (!findParty(state, partyId)) return unknownParty(partyId);
      state.parties = state.parties.filter((p) => p.partyId !== partyId);
      state.learningGoals = state.learningGoals.filter((g) => g.partyId !== partyId);
    },
  }),

  assignContacts: defineStep({
    summary: "Name a party's contact persons (registered with its organisation)",
    phases: phaseGroups.open,
    rights: staffAndOwnParty,
    payload: z
      .object({
        partyId: id,
        contactIds: z.array(id).max(20).meta({ description: "Contact persons of the party's organisation, by id" }),
      })
      .strict()
      .meta({ id: 'AssignContacts' }),
    apply(state, { partyId, contactIds }) {
      const party = findParty(state, partyId);
      if (!party) return unknownParty(partyId);
      party.contactIds = [...new Set(contactIds)];
    },
  }),

  recordContribution: defineStep({
    summary: "Record a party's contribution (money, premises, volunteer work, …)",
    phases: phaseGroups.open,
    rights: staffAndOwnParty,
    documents: ['description'],
    payload: z
      .object({
        partyId: id,
        kind: z.enum(contributionKinds),
        description: text(2_000),
        valueSek: z.number().nonnegative().max(1e12).nullable().default(null),
      })
      .strict()
      .meta({ id: 'RecordContribution' }),
    apply(state, { partyId, kind, description, valueSek }, ctx) {
      const party = findParty(state, partyId);
      if (!party) return unknownParty(partyId);
      party.contributions.push({ contributionId: ctx.newId(), kind, description, valueSek });
    },
  }),

  addLearningGoal: defineStep({
    summary: 'Add a learning goal, for a party or joint',
    phases: ['INITIATION', 'FORMULATION', 'RENEGOTIATION'],
    rights: staffAndOwnParty,
    documents: ['description'],
    payload: z
      .object({
        partyId: id.nullable().meta({ description: "The party whose goal it is; null for a joint goal" }),
        description: text(2_000),
      })
      .strict()
      .meta({ id: 'AddLearningGoal' }),
    apply(state, { partyId, description }, ctx) {
      if (partyId !== null && !findParty(state, partyId)) return unknownParty(partyId);
      state.learningGoals.push({ learningGoalId: ctx.newId(), partyId, description });
    },
  }),

  completeInitiation: defineStep({
    summary: 'Leave INITIATION for FORMULATION',
    phases: ['INITIATION'],
    rights: staff,
    payload: z.object({}).strict().meta({ id: 'CompleteInitiation' }),
    conditions: [
      'the societal challenge is described (CHALLENGE_NOT_DESCRIBED)',
      'at least one public and one idéburen party take part (PARTIES_MISSING)',
      'IOP is the chosen form of cooperation (FORM_NOT_IOP)',
    ],
    ready(state) {
      if (!state.challenge) return refuse('CHALLENGE_NOT_DESCRIBED', 'Describe the societal challenge first');
      const kinds = new Set(partiesInTerm(state).map((p) => p.kind));
      if (!kinds.has('PUBLIC') || !kinds.has('IDEBUREN')) {
        return refuse('PARTIES_MISSING', 'An IOP needs at least one public and one idéburen party');
      }
      if (state.cooperationForm?.chosen !== 'IOP') {
        return refuse('FORM_NOT_IOP', 'Choose IOP as the form of cooperation, with the reason, or close the case');
      }
    },
    apply(state) {
      state.phase = 'FORMULATION';
    },
  }),
};

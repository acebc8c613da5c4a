// FORMULATION and LEGAL_REVIEW: the agreement drafted in versions, and the legal review (juridisk granskning) of the one submitted.
import { z } from 'zod';
import { refuse } from '../refusals';
import { staff, legalReview } from '../roles';
import {
  agreementHeadings,
  legalReviewItems,
  legalReviewOutcomes,
  publicContractCriteria,
  type AgreementHeading,
} from '../state';
import { isPublicContract } from '../legal-review';
import { defineStep, note, text } from './step';

export const agreementSteps = {
  saveAgreementDraft: defineStep({
    summary: 'Save the agreement draft (a new version once the last one is locked)',
    phases: ['FORMULATION'],
    rights: staff,
    documents: ['sections.*'],
    payload: z
      .object({
        sections: z
          .object(Object.fromEntries(agreementHeadings.map((h) => [h, text(20_000).optional()])) as Record<AgreementHeading, z.ZodOptional<z.ZodString>>)
          .strict(),
      })
      .strict()
      .meta({ id: 'SaveAgreementDraft' }),
    apply(state, { sections }) {
      const latest = state.agreementVersions.at(-1);
      if (latest && !latest.locked) {
        latest.sections = sections;
        latest.savedAtRevision = state.revision + 1;
      } else {
        state.agreementVersions.push({ version: (latest?.version ?? 0) + 1, sections, locked: false, savedAtRevision: state.revision + 1 });
      }
    },
  }),

  submitForLegalReview: defineStep({
    summary: 'Submit the draft for legal review (juridisk granskning)',
    phases: ['FORMULATION'],
    rights: staff,
    payload: z.object({}).strict().meta({ id: 'SubmitForLegalReview' }),
    conditions: ['a draft is saved since the last submission (NO_DRAFT)', 'the draft has text under every heading (DRAFT_INCOMPLETE)'],
    ready(state) {
      const draft = state.agreementVersions.at(-1);
      if (!draft || draft.locked) return refuse('NO_DRAFT', 'Save a new agreement draft first');
      const missing = agreementHeadings.filter((h) => !draft.sections[h]);
      if (missing.length) return refuse('DRAFT_INCOMPLETE', `The draft lacks: ${missing.join(', ')}`);
    },
    apply(state) {
      const draft = state.agreementVersions.at(-1)!;
      // Once it is under review, the text that the parties will decide on cannot change.
      draft.locked = true;
      state.submittedVersion = draft.version;
      state.decisions = [];
      state.legalReviews.push({ round: (state.legalReviews.at(-1)?.round ?? 0) + 1, agreementVersion: draft.version, answers: [], conclusion: null, note: null });
      state.phase = 'LEGAL_REVIEW';
    },
  }),

  recordLegalReviewItem: defineStep({
    summary: 'Record one item of the legal-review checklist',
    phases: ['LEGAL_REVIEW'],
    rights: legalReview,
    documents: ['note'],
    payload: z
      .object({
        item: z.enum(legalReviewItems),
        outcome: z.enum(legalReviewOutcomes),
        note: note(5_000),
        publicContractCriteria: z
          .object(Object.fromEntries(publicContractCriteria.map((c) => [c, z.boolean()])) as Record<(typeof publicContractCriteria)[number], z.ZodBoolean>)
          .strict()
          .optional()
          .meta({ description: 'Required for PUBLIC_CONTRACT: whether each of the six LOU criteria holds' }),
      })
      .strict()
      .meta({ id: 'RecordLegalReviewItem' }),
    conditions: ['the PUBLIC_CONTRACT item answers each of the six LOU criteria (PUBLIC_CONTRACT_CRITERIA_MISSING)'],
    apply(state, { item, outcome, note, publicContractCriteria: criteria }, ctx) {
      if (item === 'PUBLIC_CONTRACT' && !criteria) {
        return refuse('PUBLIC_CONTRACT_CRITERIA_MISSING', 'Answer each of the six LOU criteria');
      }
      const review = state.legalReviews.at(-1)!;
      review.answers = review.answers.filter((a) => a.item !== item);
      review.answers.push({ item, outcome, note, reviewerKeyId: ctx.actorKeyId, ...(criteria ? { publicContractCriteria: criteria } : {}) });
    },
  }),

  concludeLegalReview: defineStep({
    summary: 'Conclude the legal review: approved, changes requested or rejected',
    phases: ['LEGAL_REVIEW'],
    rights: legalReview,
    documents: ['note'],
    payload: z
      .object({ conclusion: z.enum(['APPROVED', 'CHANGES_REQUESTED', 'REJECTED']), note: note(5_000) })
      .strict()
      .meta({ id: 'ConcludeLegalReview' }),
    conditions: [
      'to approve: every checklist item is answered (LEGAL_REVIEW_INCOMPLETE)',
      'to approve: not all six LOU criteria hold, or it is a public contract (IS_PUBLIC_CONTRACT)',
    ],
    apply(state, { conclusion, note }) {
      const review = state.legalReviews.at(-1)!;
      if (conclusion === 'APPROVED') {
        const unanswered = legalReviewItems.filter((item) => !review.answers.some((a) => a.item === item));
        if (unanswered.length) return refuse('LEGAL_REVIEW_INCOMPLETE', `Unanswered: ${unanswered.join(', ')}`);
        if (isPublicContract(state)) {
          return refuse('IS_PUBLIC_CONTRACT', 'All six LOU criteria hold: this is a public contract, not an IOP');
        }
      }
      review.conclusion = conclusion;
      review.note = note || null;
      if (conclusion === 'APPROVED') state.phase = 'DECISION';
      if (conclusion === 'CHANGES_REQUESTED') state.phase = 'FORMULATION';
      if (conclusion === 'REJECTED') {
        state.phase = 'CLOSED';
        state.ending = { kind: 'CLOSED', reason: 'The legal review rejected the agreement', agreementClause: null, surplus: null, betterForm: null };
      }
    },
  }),
};

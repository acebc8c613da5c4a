// Steps that are not bound to one phase: participation levels, principles, outcome contracts, case numbers and timing.
import { z } from 'zod';
import { partnershipPhases } from '../phases';
import { refuse } from '../refusals';
import { staff, staffAndOwnParty } from '../roles';
import {
  hallandPrinciples,
  participationLevels,
} from '../state';
import { effectiveTiming, timingOverridesSchema } from '../timing';
import { defineStep, id, text, isoDate, findParty, unknownParty, phaseGroups } from './step';

export const anyPhaseSteps = {
  setParticipationLevel: defineStep({
    summary: 'Set the participation level of a phase (samverkanskarta)',
    phases: phaseGroups.open,
    rights: staff,
    payload: z
      .object({ phase: z.enum(partnershipPhases), level: z.enum(participationLevels) })
      .strict()
      .meta({ id: 'SetParticipationLevel' }),
    apply(state, { phase, level }) {
      state.participationLevels[phase] = level;
    },
  }),

  assessPrinciples: defineStep({
    summary: "Assess the partnership against Halland's six principles",
    phases: phaseGroups.open,
    rights: staff,
    documents: ['assessments[].assessment'],
    payload: z
      .object({
        assessments: z
          .array(z.object({ principle: z.enum(hallandPrinciples), assessment: text(5_000) }).strict())
          .min(1)
          .max(6),
      })
      .strict()
      .meta({ id: 'AssessPrinciples' }),
    apply(state, { assessments }) {
      for (const assessment of assessments) {
        state.principlesAssessment = state.principlesAssessment.filter((a) => a.principle !== assessment.principle);
        state.principlesAssessment.push(assessment);
      }
    },
  }),

  recordOutcomeContract: defineStep({
    summary: 'Record outcome-contract financing: investor, metrics and targets, measurement date',
    phases: ['INITIATION', 'FORMULATION', 'RENEGOTIATION'],
    rights: staff,
    payload: z
      .object({
        investor: text(200),
        metrics: z.array(z.object({ name: text(100), target: text(200) }).strict()).min(1).max(20),
        measurementDate: isoDate,
      })
      .strict()
      .meta({ id: 'RecordOutcomeContract' }),
    apply(state, contract) {
      state.outcomeContract = { ...contract, measurements: state.outcomeContract?.measurements ?? [] };
    },
  }),

  recordOutcomeMeasurement: defineStep({
    summary: 'Record the measured outcomes of the outcome contract',
    phases: phaseGroups.open,
    rights: staff,
    documents: ['note'],
    payload: z
      .object({
        measuredOn: isoDate,
        results: z.array(z.object({ metric: text(100), value: text(200) }).strict()).min(1).max(20),
        note: text(2_000).nullable().default(null),
      })
      .strict()
      .meta({ id: 'RecordOutcomeMeasurement', description: "The measured outcomes of the outcome contract, each against one of its metrics" }),
    conditions: ['an outcome contract is on record (NO_OUTCOME_CONTRACT)', 'each result names one of its metrics (UNKNOWN_METRIC)'],
    ready(state) {
      if (!state.outcomeContract) return refuse('NO_OUTCOME_CONTRACT', 'There is no outcome contract to measure against');
    },
    apply(state, measurement) {
      const contract = state.outcomeContract!;
      const unknown = measurement.results.find((r) => !contract.metrics.some((m) => m.name === r.metric));
      if (unknown) return refuse('UNKNOWN_METRIC', `The outcome contract has no metric named "${unknown.metric}"`);
      contract.measurements.push(measurement);
    },
  }),

  recordExternalReference: defineStep({
    summary: "Record a party's case number (diarienummer) in its case system",
    phases: phaseGroups.open,
    rights: staffAndOwnParty,
    payload: z
      .object({
        system: text(100).meta({ description: 'The case system, e.g. "Public 360°, Borås Stad"', example: 'Ciceron KS' }),
        partyId: id.nullable().default(null).meta({ description: 'The party whose registry assigned it' }),
        reference: text(100).meta({ description: 'The diarienummer, kept as given', example: 'KS 2026/123' }),
      })
      .strict()
      .meta({ id: 'RecordExternalReference' }),
    apply(state, { system, partyId, reference }) {
      if (partyId && !findParty(state, partyId)) return unknownParty(partyId);
      // One reference per case system and party: a corrected number replaces the old one.
      state.externalReferences = state.externalReferences.filter((r) => !(r.system === system && r.partyId === partyId));
      state.externalReferences.push({ system, partyId, reference });
    },
  }),

  setTiming: defineStep({
    summary: "Set this partnership's own reminder and meeting durations; what is left out follows the defaults",
    phases: phaseGroups.open,
    rights: staff,
    payload: timingOverridesSchema,
    apply(state, overrides) {
      const timing = effectiveTiming(overrides);
      if (timing.escalateAfterDays <= timing.remindAfterDays) {
        return refuse('BAD_TIMING', 'An escalation must come after the reminder');
      }
      if (timing.followUp.denseMonths > 0 && timing.followUp.denseEveryMonths > timing.followUp.denseMonths) {
        return refuse('BAD_TIMING', 'The dense follow-up cadence must fit within the dense period');
      }
      state.timingOverrides = overrides;
    },
  }),
};

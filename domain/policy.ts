// Who may do what: one table for the whole product. Steps declare their own rights (steps/); the
// rest of the API's operations are listed here. The API checks it before anything reaches
// Temporal, and every Update's validator checks it again, so a call that slips past one is refused
// by the other. Pure and deterministic: it is workflow code. docs/security.md publishes the same table.
import { administrator, readers, staff, staffAndOwnParty, type Rights, type Role } from './roles';
import type { PartnershipState } from './state';
import { stepPolicy, type Step, type StepType } from './steps';

export { roles, type Rights, type Role, type Scope } from './roles';
export { stepPolicy };

/** Everything else the API does, by operation id. */
export const operationPolicy = {
  registerPartnership: staff,
  // Bringing in a running partnership sets its phase, term and decisions at once: administrators only.
  importPartnership: administrator,
  getPartnership: readers,
  // A representative finds the partnerships its organisation is party to.
  listPartnerships: readers,
  getStepOutcome: readers,
  listAgreementVersions: readers,
  compareAgreementVersions: readers,
  listParties: readers,
  listDecisions: readers,
  listFollowUps: readers,
  listEvaluations: readers,
  listDeadlines: readers,
  getPartnershipCalendar: readers,
  createPartnershipCalendarSubscription: readers,
  // The audit trail names who did what: for those who answer for the case, and the auditor.
  listAuditEvents: { ADMINISTRATOR: 'any', CASE_OFFICER: 'any', AUDITOR: 'any' },
  // Names every recipient: the same people as the audit trail.
  listNotifications: { ADMINISTRATOR: 'any', CASE_OFFICER: 'any', AUDITOR: 'any' },
  listTasks: readers,
  // Who takes a task on, and who coordinates a case (samordnare), is for those who run the cases.
  assignTask: staff,
  changeCoordinator: staff,
  registerOrganisation: staff,
  // The register of organisations, by number or name: for those who register parties, and the auditor.
  findOrganisations: { ADMINISTRATOR: 'any', CASE_OFFICER: 'any', LEGAL_REVIEWER: 'any', AUDITOR: 'any' },
  getOrganisation: readers,
  addContact: staffAndOwnParty,
  // Correction and erasure (GDPR articles 16 and 17): by those who may add the person.
  correctContact: staffAndOwnParty,
  eraseContact: staffAndOwnParty,
  // The feed: a representative's holds only its own partnerships, as its views do.
  listEvents: readers,
  // Webhooks: an integration's own; a representative's carry its organisation's partnerships only.
  createWebhookSubscription: staffAndOwnParty,
  listWebhookSubscriptions: staffAndOwnParty,
  deleteWebhookSubscription: staffAndOwnParty,
  rotateWebhookSecret: staffAndOwnParty,
  listWebhookDeliveries: staffAndOwnParty,
  redeliverWebhookEvent: staffAndOwnParty,
  // E-service forms: every role that takes steps builds them.
  listForms: readers,
  getForm: readers,
  // The import's form: its schema is no secret, though only administrators may send what it describes.
  getImportForm: readers,
  // Who has access is for administrators alone.
  createApiKey: administrator,
  listApiKeys: administrator,
  getApiKey: administrator,
  rotateApiKey: administrator,
  revokeApiKey: administrator,
  listContacts: { ...staffAndOwnParty, AUDITOR: 'any' },
  // The public register (domain/publication.ts): what it shows of a partnership is for everyone who reads the case.
  getPublication: readers,
  // Publishing before every decision is final, and withholding on a ground of OSL, answer to the
  // law: administrators only, each audited.
  publishEarly: administrator,
  withdrawEarlyPublication: administrator,
  withhold: administrator,
  liftWithholding: administrator,
  setArea: staff,
} satisfies Record<string, Rights>;

export type Operation = StepType | keyof typeof operationPolicy;

export function rightsOf(operation: string): Rights | undefined {
  return (stepPolicy as Record<string, Rights>)[operation] ?? (operationPolicy as Record<string, Rights>)[operation];
}

/** The parties a step acts for, when a representative could take it; null when it names none. */
export function actingParties(step: Step): string[] | null {
  switch (step.type) {
    case 'assignContacts':
    case 'recordContribution':
    case 'recordDecision':
    case 'recordPosting':
      return [step.payload.partyId];
    case 'addLearningGoal':
    case 'recordExternalReference':
      return step.payload.partyId ? [step.payload.partyId] : null;
    case 'raiseDeviation':
    case 'raiseDispute':
      return step.payload.raisedByPartyId ? [step.payload.raisedByPartyId] : null;
    case 'recordDeparture':
      return [step.payload.partyId];
    // A representative reports a follow-up its own party took part in.
    case 'recordFollowUp':
      return step.payload.participantPartyIds;
    default:
      return null;
  }
}

export interface Caller {
  role: string | null;
  organisationId: string | null;
}

export type StepVerdict = 'allowed' | 'role-may-not' | 'not-own-party';

/** Whether a caller may take a step on this partnership; the workflow's validators ask it too. */
export function mayTake(caller: Caller, step: Step, parties: Pick<PartnershipState['parties'][number], 'partyId' | 'organisationId'>[]): StepVerdict {
  const scope = stepPolicy[step.type][caller.role as Role];
  if (!scope) return 'role-may-not';
  if (scope === 'any') return 'allowed';
  const own = new Set(parties.filter((p) => caller.organisationId && p.organisationId === caller.organisationId).map((p) => p.partyId));
  const acting = actingParties(step);
  if (step.type === 'recordFollowUp') return acting?.some((p) => own.has(p)) ? 'allowed' : 'not-own-party';
  return acting && acting.length > 0 && acting.every((p) => own.has(p)) ? 'allowed' : 'not-own-party';
}

/** The reasons given for a step the caller may not take; the API answers 403 with them. */
export const forbidden: Record<Exclude<StepVerdict, 'allowed'>, string> = { 'role-may-not': 'FORBIDDEN', 'not-own-party': 'NOT_YOUR_PARTY' };

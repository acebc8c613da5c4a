import { randomInt } from 'node:crypto';
import { luhnCheckDigit } from '../../api/organisations/organisation-number';
import { addDays, addYears } from '../../domain/dates';
import { agreementHeadings } from '../../domain/state';
import { partnershipWorkflowId } from '../../workflows/messages';
import { api, eventually, examplePartnership, type TestSystem } from './system';
import { stockholmDay } from './swedish-days';

/** A valid organisation number in the group given by its first digit (2 public, 8 non-profit). */
export function organisationNumber(group: '2' | '8' | '5'): string {
  const nine = `${group}${randomInt(0, 10)}${randomInt(20, 100)}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

export async function registerOrganisation(system: TestSystem, kind: 'PUBLIC' | 'IDEBUREN' | 'PRIVATE', name = `Organisation ${kind}`) {
  const response = await api(system, 'POST', '/api/v1/organisations', {
    key: system.adminKey,
    body: { name, kind, organisationNumber: organisationNumber(kind === 'PUBLIC' ? '2' : kind === 'IDEBUREN' ? '8' : '5') },
  });
  if (response.status !== 201) throw new Error(`organisation: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}

/** Today on the real clock: the workflow refuses a term that started too long ago. */
/** Today in Sweden, as the workflow reckons it. */
export const today = () => stockholmDay(Date.now());

export const fullAgreement = Object.fromEntries(agreementHeadings.map((h) => [h, `Överenskommelsens text under ${h}.`]));

/**
 * A body for POST /partnership-imports: a partnership in IMPLEMENTATION whose five-year term began
 * 400 days before `today`, with the parties and decisions `build` gives from the term's first day.
 */
export function runningPartnershipBody(
  today: string,
  build: (start: string) => { parties: object[]; decisions: object[]; lastFollowUp?: object },
  title = examplePartnership.title,
) {
  const start = addDays(today, -400);
  return {
    title,
    caseNumber: 'KS 2025/17',
    coordinator: examplePartnership.coordinator,
    partnership: {
      challenge: 'Nyanlända som saknar någon att öva svenska med.',
      phase: 'IMPLEMENTATION',
      term: 1,
      termStartDate: start,
      termEndDate: addDays(addYears(start, 5), -1),
      agreement: fullAgreement,
      ...build(start),
    },
  };
}

/** Drives one partnership over HTTP, failing loudly on any step that does not succeed. */
export class PartnershipDriver {
  constructor(
    readonly system: TestSystem,
    readonly id: string,
    readonly key: string,
  ) {}

  static async register(system: TestSystem, key = system.adminKey, body: object = examplePartnership): Promise<PartnershipDriver> {
    const created = await api(system, 'POST', '/api/v1/partnerships', { key, body });
    if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
    return new PartnershipDriver(system, created.body.id, key);
  }

  /** Takes a step and returns the raw response, refused or not. */
  attempt(step: string, body: unknown = {}, headers: Record<string, string> = {}) {
    return api(this.system, 'POST', `/api/v1/partnerships/${this.id}/actions/${step}`, { key: this.key, body, headers });
  }

  async step(step: string, body: unknown = {}): Promise<any> {
    const response = await this.attempt(step, body);
    if (response.status !== 200) throw new Error(`${step}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async state(): Promise<any> {
    return (await api(this.system, 'GET', `/api/v1/partnerships/${this.id}`, { key: this.key })).body;
  }

  /**
   * Once the registration e-mail is sent and the workflow has nothing in flight: from then on, only
   * a step can add to its history.
   */
  async settled(): Promise<void> {
    const handle = this.system.temporal.workflow.getHandle(partnershipWorkflowId(this.id));
    await eventually(async () => {
      const sent = await this.system.db.outboundEmail.count({ where: { partnershipId: this.id, kind: 'partnership-registered', status: 'SENT' } });
      const { raw } = await handle.describe();
      return sent === 1 && !raw.pendingActivities?.length && !raw.pendingWorkflowTask;
    });
  }

  /** Through INITIATION with two public parties and one idéburen; returns the party ids in that order. */
  async initiate(): Promise<string[]> {
    await this.step('describe-challenge', { challenge: 'Ofrivillig ensamhet bland äldre i kommunen.' });
    for (const kind of ['PUBLIC', 'PUBLIC', 'IDEBUREN'] as const) {
      await this.step('add-party', { organisationId: await registerOrganisation(this.system, kind), kind });
    }
    await this.step('add-learning-goal', { partyId: null, description: 'Hur når vi de mest isolerade äldre?' });
    const state = await this.step('choose-cooperation-form', { form: 'IOP', rationale: 'Ett gemensamt åtagande, inte ett köp.' });
    await this.step('complete-initiation');
    return state.parties.map((p: { partyId: string }) => p.partyId);
  }

  async passLegalReview(): Promise<void> {
    for (const item of ['LOCAL_GOVERNMENT_ACT', 'STATE_AID', 'SGEI', 'POLITICAL_GOAL']) {
      await this.step('record-legal-review-item', { item, outcome: 'OK', note: 'Inga hinder.' });
    }
    await this.step('record-legal-review-item', {
      item: 'PUBLIC_CONTRACT',
      outcome: 'OK',
      note: 'Endast återbetalning kan krävas, inte prestation.',
      publicContractCriteria: {
        agreementBetweenParties: true,
        meetingOfMinds: true,
        authorityAcquires: false,
        supplierSelected: false,
        paymentOfDirectEconomicInterest: false,
        legallyBindingMutualObligations: false,
      },
    });
    await this.step('conclude-legal-review', { conclusion: 'APPROVED' });
  }

  /** From registration to IMPLEMENTATION on version 1; returns the party ids. */
  async implement(): Promise<string[]> {
    const parties = await this.initiate();
    await this.step('save-agreement-draft', { sections: fullAgreement });
    await this.step('submit-for-legal-review');
    await this.passLegalReview();
    for (const [i, party] of parties.entries()) await this.decide(party, 1, 'YES', i < 2);
    await this.step('start-implementation', { startDate: today(), beforeFinal: { reason: 'Verksamheten startar före sommaren.' } });
    return parties;
  }

  /** Through a recorded evaluation into RENEGOTIATION. */
  async evaluateAndRenegotiate(): Promise<void> {
    if ((await this.state()).phase === 'IMPLEMENTATION') await this.step('start-evaluation');
    const state = await this.state();
    await this.step('record-evaluation', {
      recordedOn: '2030-10-01',
      learningGoalAssessments: state.learningGoals.map((g: { learningGoalId: string }) => ({
        learningGoalId: g.learningGoalId,
        assessment: 'Målet nåddes delvis; fler mötesplatser behövs.',
      })),
      conflictsToPrevent: 'Otydlig rollfördelning vid rekrytering av volontärer.',
    });
    await this.step('start-renegotiation');
  }

  /** Decided, adjusted and posted on `on`: a public yes becomes final three weeks later. */
  decide(partyId: string, agreementVersion: number, outcome: 'YES' | 'NO', isPublic = true, on = today()) {
    return this.attempt('record-decision', {
      partyId,
      agreementVersion,
      outcome,
      decidingBody: isPublic ? 'Socialnämnden' : 'Föreningens styrelse',
      decidingBodyKind: isPublic ? 'NAMND' : 'BOARD',
      meetingDate: on,
      paragraph: '§ 45',
      minutesReference: isPublic ? `SN ${on}` : `Protokollsutdrag ${on}`,
      approvalDate: on,
      postingDate: isPublic ? on : null,
    });
  }
}

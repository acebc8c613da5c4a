// What each deadline says, in Swedish and English. The wording follows the source documents:
// löpande samråd, lärandemål som avstämningspunkter, ingen tyst förlängning.
import type { DeadlineKind } from '../../domain/deadlines';
import type { FinalDecision } from '../../records/final-decision';
import { renderEmail, type Language } from './layout';
import type { RenderedEmail } from './send-once';

interface NoticeInput {
  title: string;
  dueOn: string;
  recipientName: string;
  caseUrl: string | null;
  /** For a renegotiation notice: how many months remain of the term. */
  monthsLeft?: number;
  /** The current term's last day. */
  termEndDate?: string | null;
  /** For a decision that became final: whose it was and its last day to appeal, from the decision's record. */
  decision?: FinalDecision | null;
}

type Wording = (n: NoticeInput) => { subject: string; paragraphs: string[] };

const sv: Record<DeadlineKind, Wording> = {
  REVIEW_REMINDER: (n) => ({
    subject: `Påminnelse: juridisk granskning av ${n.title}`,
    paragraphs: [`Överenskommelsen för "${n.title}" väntar på juridisk granskning.`, 'Granska kommunallagen, statsstöd, LOU, SGEI och det politiska målet och registrera utfallet.'],
  }),
  REVIEW_ESCALATION: (n) => ({
    subject: `Försenad juridisk granskning: ${n.title}`,
    paragraphs: [`Den juridiska granskningen av "${n.title}" är försenad sedan ${n.dueOn}.`, 'Se till att någon tar ansvar för granskningen så att parterna kan fatta beslut.'],
  }),
  DECISION_REMINDER: (n) => ({
    subject: `Påminnelse: beslut om ${n.title}`,
    paragraphs: [`Er organisation har ännu inte registrerat sitt beslut om överenskommelsen "${n.title}".`, 'Alla parter beslutar om samma version av överenskommelsen.'],
  }),
  DECISION_ESCALATION: (n) => ({
    subject: `Försenat beslut: ${n.title}`,
    paragraphs: [`Ett partsbeslut om "${n.title}" saknas fortfarande (${n.dueOn}).`, 'Kontakta parten och stäm av när beslutet kan fattas.'],
  }),
  // The notice is due the day the decision is final, the day after the last day to appeal: the day named is the decision's own.
  DECISION_FINAL: (n) => ({
    subject: `Beslutet har vunnit laga kraft: ${n.title}`,
    paragraphs: n.decision
      ? [
          `Beslutet som ${n.decision.decidingBody} i ${n.decision.organisationName} fattade om "${n.title}" har vunnit laga kraft.`,
          `Överklagandetiden löpte ut ${n.decision.lastDayToAppeal} utan att något överklagande registrerats.`,
        ]
      : [`Ett beslut om "${n.title}" har vunnit laga kraft.`],
  }),
  FOLLOW_UP_REMINDER: (n) => ({
    subject: `Samråd ${n.dueOn}: ${n.title}`,
    paragraphs: [`Nästa samråd i partnerskapet "${n.title}" är ${n.dueOn}. En kalenderinbjudan finns bifogad.`, 'Ta gärna med nyckeltal och det ni lärt er sedan förra mötet; lärandemålen är avstämningspunkterna.'],
  }),
  FOLLOW_UP_MEETING: (n) => ({
    subject: `Registrera uppföljningen: ${n.title}`,
    paragraphs: [`Samrådet i "${n.title}" hölls ${n.dueOn}. Registrera vilka som deltog, vad som gjordes och nyckeltalen.`],
  }),
  SILENCE_NUDGE: (n) => ({
    subject: `Det var länge sedan ni sågs: ${n.title}`,
    paragraphs: [
      `Ingen uppföljning har registrerats i "${n.title}" på länge.`,
      '"Först träffades vi ofta, sedan tappade vi varandra för att allt flöt på." Boka ett samråd innan relationen glesnar.',
    ],
  }),
  EVALUATION_DUE: (n) => ({
    subject: `Dags för utvärdering: ${n.title}`,
    paragraphs: [`Det är dags att utvärdera "${n.title}" (${n.dueOn}).`, 'Bedöm varje lärandemål och vilka konflikter ni vill förebygga under nästa period.'],
  }),
  RENEGOTIATION_NOTICE: (n) => ({
    subject: `${n.monthsLeft ?? ''} månader kvar av avtalstiden: ${n.title}`.trim(),
    paragraphs: [
      `Avtalstiden för "${n.title}" löper ut om ${n.monthsLeft ?? 'några'} månader.`,
      'Använd utvärderingen och era samlade erfarenheter för att tillsammans komma fram till hur arbetet ska fortsätta, eller inte. Ingenting förlängs automatiskt.',
    ],
  }),
  TERM_END: (n) => ({
    subject: `Avtalstiden har löpt ut: ${n.title}`,
    paragraphs: [`Avtalstiden för "${n.title}" löpte ut ${n.dueOn} utan att alla parter beslutat om en ny period. Partnerskapet är avslutat.`],
  }),
  TERM_END_REMINDER: (n) => ({
    subject: `Ingen ny avtalsperiod beslutad: ${n.title}`,
    paragraphs: [
      `Avtalstiden för "${n.title}" löper ut ${n.termEndDate ?? 'snart'}, och ingen ny period är beslutad.`,
      'Utan att alla parter sagt ja till att fortsätta avslutas partnerskapet när avtalstiden löper ut. Registrera omförhandlingens utfall i tid.',
    ],
  }),
  NEW_TERM_START: (n) => ({ subject: `Ny avtalsperiod: ${n.title}`, paragraphs: [`En ny avtalsperiod för "${n.title}" börjar ${n.dueOn}.`] }),
  OUTCOME_MEASUREMENT_REMINDER: (n) => ({
    subject: `Mätdatum närmar sig: ${n.title}`,
    paragraphs: [`Utfallen i det sociala utfallskontraktet för "${n.title}" ska mätas ${n.dueOn}. Förbered underlaget.`],
  }),
  OUTCOME_MEASUREMENT: (n) => ({
    subject: `Registrera uppmätta utfall: ${n.title}`,
    paragraphs: [`Idag är mätdatum för utfallskontraktet i "${n.title}". Registrera de uppmätta utfallen mot målen.`],
  }),
};

const en: Record<DeadlineKind, Wording> = {
  REVIEW_REMINDER: (n) => ({ subject: `Reminder: legal review of ${n.title}`, paragraphs: [`The agreement of "${n.title}" is waiting for its legal review.`] }),
  REVIEW_ESCALATION: (n) => ({ subject: `Overdue legal review: ${n.title}`, paragraphs: [`The legal review of "${n.title}" has been overdue since ${n.dueOn}.`] }),
  DECISION_REMINDER: (n) => ({ subject: `Reminder: decision on ${n.title}`, paragraphs: [`Your organisation has not yet recorded its decision on the agreement of "${n.title}".`] }),
  DECISION_ESCALATION: (n) => ({ subject: `Overdue decision: ${n.title}`, paragraphs: [`A party's decision on "${n.title}" is still missing (${n.dueOn}).`] }),
  DECISION_FINAL: (n) => ({
    subject: `The decision is final: ${n.title}`,
    paragraphs: n.decision
      ? [
          `The decision of ${n.decision.decidingBody} of ${n.decision.organisationName} on "${n.title}" is final.`,
          `The appeal period ended on ${n.decision.lastDayToAppeal} with no appeal recorded.`,
        ]
      : [`A decision on "${n.title}" is final.`],
  }),
  FOLLOW_UP_REMINDER: (n) => ({
    subject: `Follow-up meeting ${n.dueOn}: ${n.title}`,
    paragraphs: [`The next follow-up meeting of "${n.title}" is on ${n.dueOn}. A calendar invitation is attached.`, 'Bring key figures and what you have learnt since the last meeting.'],
  }),
  FOLLOW_UP_MEETING: (n) => ({ subject: `Record the follow-up: ${n.title}`, paragraphs: [`The follow-up meeting of "${n.title}" was on ${n.dueOn}. Record who took part, what was done and the key figures.`] }),
  SILENCE_NUDGE: (n) => ({
    subject: `It has been a while: ${n.title}`,
    paragraphs: [`No follow-up has been recorded in "${n.title}" for a long time. Book a meeting before the partners lose touch.`],
  }),
  EVALUATION_DUE: (n) => ({ subject: `Time to evaluate: ${n.title}`, paragraphs: [`It is time to evaluate "${n.title}": assess each learning goal, and the conflicts to prevent next period.`] }),
  RENEGOTIATION_NOTICE: (n) => ({
    subject: `${n.monthsLeft ?? ''} months left of the term: ${n.title}`.trim(),
    paragraphs: [`The term of "${n.title}" ends in ${n.monthsLeft ?? 'a few'} months. Decide together whether and how to go on: nothing renews by itself.`],
  }),
  TERM_END: (n) => ({ subject: `The term has ended: ${n.title}`, paragraphs: [`The term of "${n.title}" ended on ${n.dueOn} without every party deciding on a new term. The partnership has ended.`] }),
  TERM_END_REMINDER: (n) => ({
    subject: `No new term agreed: ${n.title}`,
    paragraphs: [`The term of "${n.title}" ends on ${n.termEndDate ?? 'soon'} and no new term has been agreed. Without every party's yes to going on, the partnership ends then.`],
  }),
  NEW_TERM_START: (n) => ({ subject: `New term: ${n.title}`, paragraphs: [`A new term of "${n.title}" begins on ${n.dueOn}.`] }),
  OUTCOME_MEASUREMENT_REMINDER: (n) => ({ subject: `Measurement date ahead: ${n.title}`, paragraphs: [`The outcomes of the outcome contract of "${n.title}" are measured on ${n.dueOn}.`] }),
  OUTCOME_MEASUREMENT: (n) => ({ subject: `Record the measured outcomes: ${n.title}`, paragraphs: [`Today is the measurement date of the outcome contract of "${n.title}". Record the outcomes against the targets.`] }),
};

export function deadlineNotice(kind: DeadlineKind, language: Language, input: NoticeInput): RenderedEmail {
  const wording = (language === 'en' ? en : sv)[kind](input);
  return renderEmail({ language, recipientName: input.recipientName, caseUrl: input.caseUrl, ...wording });
}

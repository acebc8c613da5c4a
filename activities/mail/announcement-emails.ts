// What each announcement says, in Swedish and English. An ending says truthfully how and why the
// partnership ended; the reasons people wrote stay in the case, not in the e-mail.
import type { AnnouncementKind } from '../../domain/announcements';
import { renderEmail, type Language } from './layout';
import type { RenderedEmail } from './send-once';

export interface AnnouncementFacts {
  title: string;
  recipientName: string;
  caseUrl: string | null;
  /** The day of the step, as the workflow took it. */
  on: string;
  /** The organisation whose decision an appeal concerns. */
  organisationName?: string;
  agreementClause?: string | null;
  termStartDate?: string | null;
  termEndDate?: string | null;
}

type Wording = (f: AnnouncementFacts) => { subject: string; paragraphs: string[] };

const sv: Record<AnnouncementKind, Wording> = {
  APPEAL_LODGED: (f) => ({
    subject: `Beslut överklagat: ${f.title}`,
    paragraphs: [
      `Beslutet från ${f.organisationName ?? 'en part'} om överenskommelsen "${f.title}" har överklagats (laglighetsprövning).`,
      'Beslutet vinner inte laga kraft förrän domstolens avgörande har registrerats.',
    ],
  }),
  CLOSED: (f) => ({ subject: `Ärendet är avslutat: ${f.title}`, paragraphs: [`Ärendet "${f.title}" avskrevs ${f.on} under agendasättningen. Ingen överenskommelse ingås.`] }),
  WITHDRAWN: (f) => ({ subject: `Ärendet är återkallat: ${f.title}`, paragraphs: [`Ärendet "${f.title}" återkallades ${f.on}, innan överenskommelsen trädde i kraft.`] }),
  TERMINATED: (f) => ({
    subject: `Överenskommelsen är hävd: ${f.title}`,
    paragraphs: [`Överenskommelsen "${f.title}" hävdes ${f.on}${f.agreementClause ? ` med stöd av ${f.agreementClause}` : ''}.`, 'Redovisa hur ett eventuellt överskott återinvesteras eller återbetalas.'],
  }),
  ENDED_BY_AGREEMENT: (f) => ({
    subject: `Partnerskapet avslutas: ${f.title}`,
    paragraphs: [`Parterna beslutade vid omförhandlingen ${f.on} att avsluta partnerskapet "${f.title}".`, 'Redovisa hur ett eventuellt överskott återinvesteras eller återbetalas.'],
  }),
  TERM_ENDED: (f) => ({
    subject: `Avtalstiden har löpt ut: ${f.title}`,
    paragraphs: [
      `Avtalstiden för "${f.title}" löpte ut ${f.termEndDate ?? f.on}. Ingen överenskommelse om en ny period registrerades under omförhandlingen, så partnerskapet är avslutat.`,
      'Redovisa hur ett eventuellt överskott återinvesteras eller återbetalas.',
    ],
  }),
  NEW_TERM_STARTED: (f) => ({
    subject: `En ny avtalsperiod har börjat: ${f.title}`,
    paragraphs: [`Den nya avtalsperioden för "${f.title}" löper ${f.termStartDate} till ${f.termEndDate}, som parterna kom överens om vid omförhandlingen.`],
  }),
};

const en: Record<AnnouncementKind, Wording> = {
  APPEAL_LODGED: (f) => ({
    subject: `Decision appealed: ${f.title}`,
    paragraphs: [`The decision of ${f.organisationName ?? 'a party'} on the agreement of "${f.title}" has been appealed. It is not final until the court's ruling is recorded.`],
  }),
  CLOSED: (f) => ({ subject: `The case is closed: ${f.title}`, paragraphs: [`The case "${f.title}" was closed on ${f.on}, during initiation. No agreement will be made.`] }),
  WITHDRAWN: (f) => ({ subject: `The case is withdrawn: ${f.title}`, paragraphs: [`The case "${f.title}" was withdrawn on ${f.on}, before the agreement took effect.`] }),
  TERMINATED: (f) => ({
    subject: `The agreement is terminated: ${f.title}`,
    paragraphs: [`The agreement of "${f.title}" was terminated on ${f.on}${f.agreementClause ? ` under ${f.agreementClause}` : ''}. Account for any surplus: it is reinvested or repaid.`],
  }),
  ENDED_BY_AGREEMENT: (f) => ({
    subject: `The partnership ends: ${f.title}`,
    paragraphs: [`In the renegotiation on ${f.on}, the parties decided to end "${f.title}". Account for any surplus: it is reinvested or repaid.`],
  }),
  TERM_ENDED: (f) => ({
    subject: `The term has ended: ${f.title}`,
    paragraphs: [`The term of "${f.title}" ended on ${f.termEndDate ?? f.on}. No agreement on a new term was recorded in the renegotiation, so the partnership has ended.`],
  }),
  NEW_TERM_STARTED: (f) => ({
    subject: `A new term has begun: ${f.title}`,
    paragraphs: [`The new term of "${f.title}" runs from ${f.termStartDate} to ${f.termEndDate}, as the parties agreed in the renegotiation.`],
  }),
};

export function announcementEmail(kind: AnnouncementKind, language: Language, facts: AnnouncementFacts): RenderedEmail {
  const wording = (language === 'en' ? en : sv)[kind](facts);
  return renderEmail({ language, recipientName: facts.recipientName, caseUrl: facts.caseUrl, ...wording });
}

// Every word the register's pages say, in Swedish and English side by side: a text added in one
// language and forgotten in the other fails the type check, not a reader.
import { areas, type Area } from '../../../domain/areas';
import { contributionKindNames } from '../../../domain/contribution-kinds';
import { phaseNames } from '../../../domain/phases';
import type { WithholdableField } from '../../../domain/publication';
import type { AgreementHeading } from '../../../domain/state';

export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];

type Both<T> = { sv: T; en: T };

const table = {
  siteName: { sv: 'IOP-registret', en: 'The IOP register' },
  siteTagline: { sv: 'Idéburna offentliga partnerskap', en: 'Public–non-profit partnerships (IOP)' },
  skipToContent: { sv: 'Hoppa till innehållet', en: 'Skip to content' },
  mainNavigation: { sv: 'Registret', en: 'The register' },
  navList: { sv: 'Partnerskap', en: 'Partnerships' },
  navStatistics: { sv: 'Statistik', en: 'Statistics' },
  navAbout: { sv: 'Om registret', en: 'About the register' },
  navOpenData: { sv: 'Öppna data', en: 'Open data' },
  otherLanguageName: { sv: 'English', en: 'Svenska' },
  footerLicence: { sv: 'Registrets uppgifter är öppna data under', en: 'The register’s data is open data under' },
  footerPublisher: {
    sv: 'Uppgifterna publiceras när varje parts beslut har vunnit laga kraft, utan personuppgifter och utan det som omfattas av sekretess.',
    en: 'Entries are published once every party’s decision is final, without personal data and without anything under secrecy.',
  },

  listTitle: { sv: 'Idéburna offentliga partnerskap', en: 'Public–non-profit partnerships' },
  listIntro: {
    sv: 'Alla idéburna offentliga partnerskap (IOP) som kommuner och regioner har ingått och beslutat om. Välj vad listan ska visa.',
    en: 'Every public–non-profit partnership (IOP) that municipalities and regions have entered and decided on. Choose what the list shows.',
  },
  filterHeading: { sv: 'Filtrera listan', en: 'Filter the list' },
  filterOrganisation: { sv: 'Kommun eller region', en: 'Municipality or region' },
  filterArea: { sv: 'Verksamhetsområde', en: 'Area of work' },
  filterPhase: { sv: 'Fas', en: 'Phase' },
  filterYear: { sv: 'Startår', en: 'Year it began' },
  filterAll: { sv: 'Alla', en: 'All' },
  filterSubmit: { sv: 'Visa partnerskap', en: 'Show partnerships' },
  filterClear: { sv: 'Rensa filtren', en: 'Clear the filters' },
  resultsHeading: { sv: 'Partnerskap', en: 'Partnerships' },
  resultsCount: {
    sv: (n: number) => (n === 0 ? 'Inga partnerskap matchar filtren.' : n === 1 ? '1 partnerskap' : `${n.toLocaleString('sv-SE')} partnerskap`),
    en: (n: number) => (n === 0 ? 'No partnership matches the filters.' : n === 1 ? '1 partnership' : `${n.toLocaleString('en-GB')} partnerships`),
  },
  resultsRange: {
    sv: (from: number, to: number) => `, ${from}–${to} visas`,
    en: (from: number, to: number) => `, showing ${from}–${to}`,
  },
  parties: { sv: 'Parter', en: 'Parties' },
  startYear: { sv: 'Startår', en: 'Year it began' },
  phase: { sv: 'Fas', en: 'Phase' },
  area: { sv: 'Verksamhetsområde', en: 'Area of work' },
  noArea: { sv: 'Inte angivet', en: 'Not given' },
  pagination: { sv: 'Sidor', en: 'Pages' },
  previousPage: { sv: 'Föregående sida', en: 'Previous page' },
  nextPage: { sv: 'Nästa sida', en: 'Next page' },
  pageOf: { sv: (page: number, pages: number) => `Sida ${page} av ${pages}`, en: (page: number, pages: number) => `Page ${page} of ${pages}` },
  noSuchPageTitle: { sv: 'Sidan finns inte i listan', en: 'The list has no such page' },
  noSuchPage: {
    sv: (page: number, pages: number) => `Listan har ${pages} ${pages === 1 ? 'sida' : 'sidor'} med de här filtren, inte ${page}.`,
    en: (page: number, pages: number) => `With these filters the list has ${pages} ${pages === 1 ? 'page' : 'pages'}, not ${page}.`,
  },
  toFirstPage: { sv: 'Till listans första sida', en: 'To the first page of the list' },

  caseNumber: { sv: 'Diarienummer', en: 'Case number' },
  currentTerm: { sv: 'Avtalsperiod', en: 'Term' },
  termEnds: { sv: 'Avtalsperioden slutar', en: 'The term ends' },
  publishedEarly: { sv: 'Publicerat innan alla beslut vunnit laga kraft', en: 'Published before every decision was final' },
  lastChanged: { sv: 'Senast ändrat', en: 'Last changed' },
  challenge: { sv: 'Samhällsutmaningen', en: 'The societal challenge' },
  notGiven: { sv: 'Inte angivet.', en: 'Not given.' },
  partyName: { sv: 'Namn', en: 'Name' },
  organisationNumber: { sv: 'Organisationsnummer', en: 'Organisation number' },
  partyKind: { sv: 'Slag av part', en: 'Kind of party' },
  partyLeft: { sv: 'Lämnade', en: 'Left' },
  partiesCaption: { sv: 'Partnerskapets parter', en: 'The partnership’s parties' },
  terms: { sv: 'Avtalsperioder', en: 'Terms' },
  termsCaption: { sv: 'Avtalsperioderna, med början och slut', en: 'The terms, with their start and end' },
  termNumber: { sv: 'Period', en: 'Term' },
  termStart: { sv: 'Början', en: 'Start' },
  termEnd: { sv: 'Slut', en: 'End' },
  noTerms: { sv: 'Ingen avtalsperiod har börjat.', en: 'No term has begun.' },
  contributions: { sv: 'Parternas insatser', en: 'The parties’ contributions' },
  contributionsCaption: { sv: 'Varje parts insatser, i pengar eller i annat, värderade i kronor', en: 'Each party’s contributions, in money or in kind, valued in kronor' },
  contributionParty: { sv: 'Part', en: 'Party' },
  contributionKind: { sv: 'Slag', en: 'Kind' },
  contributionMoneyOrKind: { sv: 'Pengar eller annat', en: 'Money or in kind' },
  money: { sv: 'Pengar', en: 'Money' },
  inKind: { sv: 'Annat än pengar', en: 'In kind' },
  contributionDescription: { sv: 'Beskrivning', en: 'Description' },
  contributionValue: { sv: 'Värde', en: 'Value' },
  contributionsTotal: { sv: 'Sammanlagt', en: 'In total' },
  notValued: { sv: 'Inte värderat', en: 'Not valued' },
  noContributions: { sv: 'Inga insatser är registrerade.', en: 'No contribution is recorded.' },
  decisions: { sv: 'Beslut', en: 'Decisions' },
  decisionsCaption: { sv: 'Varje parts gällande beslut om överenskommelsen', en: 'Each party’s current decision on the agreement' },
  decisionBody: { sv: 'Beslutande organ', en: 'Deciding body' },
  decisionDate: { sv: 'Sammanträde', en: 'Meeting' },
  decisionParagraph: { sv: 'Paragraf', en: 'Paragraph' },
  decisionOutcome: { sv: 'Beslut', en: 'Decision' },
  decisionFinal: { sv: 'Laga kraft från', en: 'Final from' },
  notYetFinal: { sv: 'Inte än', en: 'Not yet' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  noDecisions: { sv: 'Inga beslut är registrerade.', en: 'No decision is recorded.' },
  agreement: { sv: 'Överenskommelsen som gäller', en: 'The agreement in force' },
  agreementVersion: { sv: (v: number) => `Version ${v}.`, en: (v: number) => `Version ${v}.` },
  noAgreement: { sv: 'Ingen överenskommelse gäller ännu.', en: 'No agreement is in force yet.' },
  evaluations: { sv: 'Utvärderingar', en: 'Evaluations' },
  evaluationHeading: {
    sv: (term: number, on: string | null) => `Avtalsperiod ${term}${on ? `, ${on}` : ''}`,
    en: (term: number, on: string | null) => `Term ${term}${on ? `, ${on}` : ''}`,
  },
  learningGoal: { sv: 'Lärandemål', en: 'Learning goal' },
  conclusion: { sv: 'Slutsats', en: 'Conclusion' },
  noEvaluations: { sv: 'Ingen utvärdering är registrerad.', en: 'No evaluation is recorded.' },
  withheld: {
    sv: (ground: string) => `Uppgiften är sekretessbelagd enligt offentlighets- och sekretesslagen (OSL) ${ground}.`,
    en: (ground: string) => `Withheld under the Public Access to Information and Secrecy Act (OSL) ${ground}.`,
  },
  entryAsJson: { sv: 'Partnerskapet som öppna data (JSON)', en: 'This partnership as open data (JSON)' },
  backToList: { sv: 'Tillbaka till listan', en: 'Back to the list' },

  statisticsTitle: { sv: 'Statistik', en: 'Statistics' },
  statisticsIntro: {
    sv: (n: number) => `Registret har ${n.toLocaleString('sv-SE')} partnerskap. Varje diagram har sina siffror i en tabell under sig.`,
    en: (n: number) => `The register holds ${n.toLocaleString('en-GB')} partnerships. Each chart has its figures in a table below it.`,
  },
  byYear: { sv: 'Partnerskap per startår', en: 'Partnerships by the year they began' },
  byCounty: { sv: 'Partnerskap per län', en: 'Partnerships by county' },
  byCountyNote: {
    sv: 'Ett partnerskap med kommuner eller regioner i flera län räknas i varje län.',
    en: 'A partnership with municipalities or regions in several counties counts in each.',
  },
  byArea: { sv: 'Partnerskap per verksamhetsområde', en: 'Partnerships by area of work' },
  contributionsByParty: { sv: 'Insatser per slag av part, i kronor', en: 'Contributions by kind of party, in kronor' },
  contributionsTotalText: {
    sv: (money: string, inKind: string) => `Sammanlagt ${money} i pengar och ${inKind} i annat än pengar.`,
    en: (money: string, inKind: string) => `In total ${money} in money and ${inKind} in kind.`,
  },
  contributionsNote: { sv: 'Insatser som är sekretessbelagda räknas inte.', en: 'Contributions that are withheld are not counted.' },
  year: { sv: 'År', en: 'Year' },
  county: { sv: 'Län', en: 'County' },
  noCounty: { sv: 'Utan län', en: 'No county' },
  count: { sv: 'Antal partnerskap', en: 'Partnerships' },
  total: { sv: 'Totalt', en: 'Total' },
  chartFigures: { sv: 'Siffrorna i tabellen nedan.', en: 'The figures are in the table below.' },
  noFigures: { sv: 'Inga partnerskap ännu.', en: 'No partnership yet.' },

  aboutTitle: { sv: 'Om registret', en: 'About the register' },
  aboutWhat: { sv: 'Vad registret är', en: 'What the register is' },
  aboutWhatText: {
    sv: 'Ett idéburet offentligt partnerskap (IOP) är en överenskommelse mellan en kommun eller region och en eller flera idéburna organisationer om att tillsammans möta en samhällsutmaning. Registret visar alla partnerskap som förs i systemet, så att vem som helst kan se vilka partnerskap som finns, vilka som ingår i dem och vad parterna bidrar med.',
    en: 'A public–non-profit partnership (idéburet offentligt partnerskap, IOP) is an agreement between a municipality or region and one or more non-profit organisations to meet a societal challenge together. The register shows every partnership kept in the system, so that anyone can see which partnerships there are, who takes part in them and what the parties contribute.',
  },
  aboutPublishes: { sv: 'Vad registret publicerar', en: 'What the register publishes' },
  aboutPublishesItems: {
    sv: [
      'Partnerskapets titel, samhällsutmaning, verksamhetsområde och fas.',
      'Parterna, med namn, organisationsnummer och slag av part.',
      'Avtalsperioderna, parternas insatser och parternas beslut med beslutande organ, datum och paragraf.',
      'Överenskommelsen som gäller och utvärderingarnas slutsatser.',
    ],
    en: [
      'The partnership’s title, societal challenge, area of work and phase.',
      'The parties, with their names, organisation numbers and kinds.',
      'The terms, the parties’ contributions and their decisions with the deciding body, date and paragraph.',
      'The agreement in force and the evaluations’ conclusions.',
    ],
  },
  aboutWhen: {
    sv: 'Ett partnerskap kommer med när varje parts beslut har vunnit laga kraft, eller tidigare om en administratör publicerar det.',
    en: 'A partnership appears once every party’s decision is final, or earlier if an administrator publishes it.',
  },
  aboutNever: { sv: 'Vad registret aldrig publicerar', en: 'What the register never publishes' },
  aboutNeverItems: {
    sv: [
      'Personuppgifter: kontaktpersoner, handläggare och deras e-post och telefon.',
      'Utkast till överenskommelser och den juridiska granskningens anteckningar.',
      'Uppföljningsmötenas anteckningar och motiveringar inom förvaltningen.',
      'Uppgifter som omfattas av sekretess enligt offentlighets- och sekretesslagen (OSL): sidan säger då vilken uppgift som är sekretessbelagd och på vilken grund.',
    ],
    en: [
      'Personal data: contact persons, case officers and their e-mail addresses and telephone numbers.',
      'Drafts of agreements and the legal review’s notes.',
      'The notes of follow-up meetings and the administration’s internal reasoning.',
      'Anything under secrecy by the Public Access to Information and Secrecy Act (OSL): the page then says which field is withheld, and on what ground.',
    ],
  },
  openData: { sv: 'Öppna data', en: 'Open data' },
  openDataText: {
    sv: 'Hela registret finns som öppna data, fritt att använda under CC0 1.0. Listorna kan filtreras med samma parametrar som sidan: organisation, area, phase och year.',
    en: 'The whole register is open data, free to use under CC0 1.0. The lists take the same filters as the page: organisation, area, phase and year.',
  },
  openDataJson: { sv: 'Alla partnerskap som JSON', en: 'Every partnership as JSON' },
  openDataSchema: { sv: 'JSON-datats schema (JSON Schema)', en: 'The JSON data’s schema (JSON Schema)' },
  openDataCsv: { sv: 'Alla partnerskap som CSV, för kalkylprogram', en: 'Every partnership as CSV, for spreadsheets' },
  openDataAtom: { sv: 'Nya och ändrade partnerskap som Atom-flöde', en: 'New and changed partnerships as an Atom feed' },
  openDataCatalog: { sv: 'Datakatalog enligt DCAT-AP-SE, för Sveriges dataportal (Turtle)', en: 'Data catalogue after DCAT-AP-SE, for Sveriges dataportal (Turtle)' },
  openDataCatalogJsonLd: { sv: 'Samma datakatalog som JSON-LD', en: 'The same data catalogue as JSON-LD' },

  notFoundTitle: { sv: 'Sidan finns inte', en: 'Page not found' },
  notFoundText: {
    sv: 'Det finns ingen sådan sida i registret. Ett partnerskap som inte är publicerat, eller som är sekretessbelagt, finns inte heller här.',
    en: 'The register has no such page. A partnership that is not published, or is withheld, is not here either.',
  },
  badRequestTitle: { sv: 'Filtren går inte att använda', en: 'The filters cannot be used' },
  badRequestText: { sv: 'Det här i adressen gick inte att förstå:', en: 'This in the address could not be understood:' },
  readOnlyTitle: { sv: 'Registret går bara att läsa', en: 'The register can only be read' },
  readOnlyText: { sv: 'Ingenting i registret kan ändras härifrån.', en: 'Nothing in the register can be changed from here.' },
  tooManyTitle: { sv: 'För många frågor', en: 'Too many requests' },
  tooManyText: {
    sv: 'Registret svarar på ett begränsat antal frågor i minuten från en och samma adress. Försök igen om en minut.',
    en: 'The register answers a limited number of requests a minute from one address. Try again in a minute.',
  },
  serverErrorTitle: { sv: 'Något gick fel', en: 'Something went wrong' },
  serverErrorText: { sv: 'Registret kunde inte visa sidan just nu. Försök igen om en stund.', en: 'The register could not show the page just now. Try again in a while.' },
  fieldNames: {
    sv: { organisation: 'Kommun eller region', area: 'Verksamhetsområde', phase: 'Fas', year: 'Startår', page: 'Sida' } as Record<string, string>,
    en: { organisation: 'Municipality or region', area: 'Area of work', phase: 'Phase', year: 'Year it began', page: 'Page' } as Record<string, string>,
  },
  fieldHints: {
    sv: { organisation: 'ska vara ett organisationsnummer, NNNNNN-NNNN', area: 'ska vara ett av registrets verksamhetsområden', phase: 'ska vara en av registrets faser', year: 'ska vara ett årtal, ÅÅÅÅ', page: 'ska vara ett sidnummer, 1 eller mer' } as Record<string, string>,
    en: { organisation: 'must be an organisation number, NNNNNN-NNNN', area: 'must be one of the register’s areas of work', phase: 'must be one of the register’s phases', year: 'must be a year, YYYY', page: 'must be a page number, 1 or more' } as Record<string, string>,
  },
  unknownParameter: { sv: 'registret har ingen sådan parameter', en: 'the register has no such parameter' },
  invalidValue: { sv: 'värdet går inte att använda', en: 'the value cannot be used' },

  phases: phaseNames,
  partyKinds: {
    sv: { PUBLIC: 'Offentlig aktör', IDEBUREN: 'Idéburen organisation', PRIVATE: 'Privat företag' } as Record<string, string>,
    en: { PUBLIC: 'Public body', IDEBUREN: 'Non-profit organisation', PRIVATE: 'Private company' } as Record<string, string>,
  },
  contributionKinds: contributionKindNames,
  agreementHeadings: {
    sv: {
      background: 'Bakgrund och uppdrag',
      challenge: 'Samhällsutmaningen',
      sharedValues: 'Värdegrund',
      purposeAndGoals: 'Syfte, vision och mål',
      efforts: 'Insatser',
      targetGroup: 'Målgrupp och delaktighet',
      governance: 'Styrning och roller',
      ownership: 'Ägande',
      dialogueAndFollowUp: 'Dialog och uppföljning',
      learningGoals: 'Lärandemål',
      resourcesAndEconomy: 'Resurser och ekonomi',
      termAndRenegotiation: 'Avtalstid och omförhandling',
      terminationAndDisputes: 'Hävning och tvist',
      transparencyAndEquality: 'Transparens och jämlikhet',
    },
    en: {
      background: 'Background and remit',
      challenge: 'The societal challenge',
      sharedValues: 'Shared values',
      purposeAndGoals: 'Purpose, vision and goals',
      efforts: 'Efforts',
      targetGroup: 'Target group and its participation',
      governance: 'Governance and roles',
      ownership: 'Ownership',
      dialogueAndFollowUp: 'Dialogue and follow-up',
      learningGoals: 'Learning goals',
      resourcesAndEconomy: 'Resources and finances',
      termAndRenegotiation: 'Term and renegotiation',
      terminationAndDisputes: 'Termination and disputes',
      transparencyAndEquality: 'Transparency and equality',
    },
  } satisfies Both<Record<AgreementHeading, string>>,
  withholdableFields: {
    sv: { challenge: 'Samhällsutmaningen', caseNumber: 'Diarienumret', contributions: 'Insatserna', decisions: 'Besluten', agreement: 'Överenskommelsen', evaluations: 'Utvärderingarna' },
    en: { challenge: 'The societal challenge', caseNumber: 'The case number', contributions: 'The contributions', decisions: 'The decisions', agreement: 'The agreement', evaluations: 'The evaluations' },
  } satisfies Both<Record<WithholdableField, string>>,
} satisfies Record<string, Both<unknown>>;

export type RegisterTexts = { [K in keyof typeof table]: (typeof table)[K]['sv'] };

/** The pages' words in one language. */
export function textsIn(language: Language): RegisterTexts {
  return Object.fromEntries(Object.entries(table).map(([key, both]) => [key, both[language]])) as RegisterTexts;
}

/** An area of work's name, as domain/areas.ts gives it in both languages. */
export const areaName = (area: Area | null, language: Language): string => (area ? areas[area][language] : table.noArea[language]);

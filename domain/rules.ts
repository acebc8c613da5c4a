// Which version of the lifecycle's rules a workflow run follows. A run keeps the rules it began
// under: the workflow asks Temporal (`patched`) once per rule set, when it starts, so that a history
// recorded under earlier rules replays exactly as it ran, and the next run (a new term, or
// continue-as-new) takes up the current rules.
export interface Rules {
  /** The rule changes of 2026-11-28 (one patch, one flag per change, each saying what it changes). */
  calendarLaw: CalendarLaw;
  /**
   * The corrections of 2026-12-04 (one patch, one flag per correction, each saying what it changes).
   */
  corrections: Corrections;
}

/** The rule changes of 2026-11-28: each is false in a run begun before them. */
export interface CalendarLaw {
  /**
   * Laga kraft by the law and the Swedish calendar: the last day to appeal is reckoned (a window
   * that ends on a holiday ends on the next weekday), a decision is final from the day after it, and
   * a decision taken before it was final becomes so on into the term. A late appeal is refused.
   */
  appealWindowByCalendar: boolean;
  /** A posting date is one the calendar reckons (from 1990 on). */
  postingDateReckonable: boolean;
  /**
   * The dates a step records are checked: none after today on the workflow's clock, an approval or a
   * posting not before its meeting, a follow-up not before its term, and a term neither over nor
   * begun too far back to be started rather than imported.
   */
  datesChecked: boolean;
  /** A term's last day is the day before its fifth anniversary, not the anniversary. */
  termEndsDayBefore: boolean;
  /** Renegotiation carried to its end: an agreed new term is dated and starts by itself, and a term's end is reminded of. */
  renegotiationCarriedThrough: boolean;
  /** Follow-up meetings go on until the term ends, and silence is nudged again after each further period. */
  followUpsUntilTermEnd: boolean;
  /** A party joins in a given term, on a given day. */
  partiesJoinInTerm: boolean;
  /** Appeals, endings and new terms are announced to every party; a term's end or start is told by its step's announcement. */
  announcements: boolean;
  /** An ended partnership stays open for its final accounts: no party may profit from a surplus. */
  finalAccounts: boolean;
}

const withoutLaw: CalendarLaw = {
  appealWindowByCalendar: false,
  postingDateReckonable: false,
  datesChecked: false,
  termEndsDayBefore: false,
  renegotiationCarriedThrough: false,
  followUpsUntilTermEnd: false,
  partiesJoinInTerm: false,
  announcements: false,
  finalAccounts: false,
};
const withLaw: CalendarLaw = {
  appealWindowByCalendar: true,
  postingDateReckonable: true,
  datesChecked: true,
  termEndsDayBefore: true,
  renegotiationCarriedThrough: true,
  followUpsUntilTermEnd: true,
  partiesJoinInTerm: true,
  announcements: true,
  finalAccounts: true,
};

/** The rule changes of the 2026-12-04 corrections: each is false in a run begun before them. */
export interface Corrections {
  /** Days, "today" and the notices' time of day are Sweden's (Europe/Stockholm), not UTC's. */
  swedishTime: boolean;
  /**
   * A step is recorded by an activity that Temporal schedules once the step is in the history, not
   * by a local activity inside the workflow task: a workflow task that Temporal drops under a burst
   * of Updates had left its step's rows committed, and the retried task recorded another step on
   * the same revision (the records drifted from the workflow, and If-Match answered the wrong client).
   */
  recordedOnceInHistory: boolean;
  /**
   * Annandag pingst counts as a public holiday in 1990–2004, as lag (1989:253) had it until 2005:
   * a window from a posting in those years may end a day later than the first table said.
   */
  whitMondayUntil2004: boolean;
  /**
   * A party may leave only while the rest still make an IOP as starting one counts it: a public and
   * an idéburen party that said yes to the agreement, not merely parties of the term (one that said
   * no stays a party, and kept the departure of the last yes from being refused).
   */
  departureCountsYes: boolean;
}

const before: Corrections = { swedishTime: false, recordedOnceInHistory: false, whitMondayUntil2004: false, departureCountsYes: false };
const after: Corrections = { swedishTime: true, recordedOnceInHistory: true, whitMondayUntil2004: true, departureCountsYes: true };

export const currentRules: Rules = { calendarLaw: withLaw, corrections: after };

/** The rules of runs begun before 2026-11-28. */
export const firstRules: Rules = { calendarLaw: withoutLaw, corrections: before };

/** The rules of runs begun between 2026-11-28 and 2026-12-04. */
export const calendarLawRules: Rules = { calendarLaw: withLaw, corrections: before };

/** The Temporal patch id that marks a run begun under the calendar law. */
export const calendarLawPatch = 'calendar-law-2026-11-28';

/** The Temporal patch id that marks a run begun under the corrections of 2026-12-04. */
export const correctionsPatch = 'corrections-2026-12-04';

/** The rules a run follows, from the patches it was begun under (asked once, at its start). */
export function rulesOfRun(patched: (id: string) => boolean): Rules {
  if (!patched(calendarLawPatch)) return firstRules;
  return patched(correctionsPatch) ? currentRules : calendarLawRules;
}

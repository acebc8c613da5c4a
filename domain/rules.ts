// Which version of the lifecycle's rules a workflow run follows. A run keeps the rules it began
// under: the workflow asks Temporal (`patched`) once per rule set, when it starts, so that a history
// recorded under earlier rules replays exactly as it ran, and the next run (a new term, or
// continue-as-new) takes up the current rules.
export interface Rules {
  /**
   * Laga kraft by the law and the Swedish calendar, dates checked against the workflow's clock,
   * renegotiation carried to its end, follow-ups until the term ends, announcements of appeals,
   * endings and new terms (2026-11-28).
   */
  calendarLaw: boolean;
  /**
   * The corrections of 2026-12-04 (one patch, one flag per correction, each saying what it changes).
   */
  corrections: Corrections;
}

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

export const currentRules: Rules = { calendarLaw: true, corrections: after };

/** The rules of runs begun before 2026-11-28. */
export const firstRules: Rules = { calendarLaw: false, corrections: before };

/** The rules of runs begun between 2026-11-28 and 2026-12-04. */
export const calendarLawRules: Rules = { calendarLaw: true, corrections: before };

/** The Temporal patch id that marks a run begun under the calendar law. */
export const calendarLawPatch = 'calendar-law-2026-11-28';

/** The Temporal patch id that marks a run begun under the corrections of 2026-12-04. */
export const correctionsPatch = 'corrections-2026-12-04';

/** The rules a run follows, from the patches it was begun under (asked once, at its start). */
export function rulesOfRun(patched: (id: string) => boolean): Rules {
  if (!patched(calendarLawPatch)) return firstRules;
  return patched(correctionsPatch) ? currentRules : calendarLawRules;
}

// Which version of the lifecycle's rules a workflow run follows. A run keeps the rules it began
// under: the workflow asks Temporal (`patched`) once, when it starts, so that a history recorded
// under earlier rules replays exactly as it ran, and the next run (a new term, or continue-as-new)
// takes up the current rules.
export interface Rules {
  /**
   * Laga kraft by the law and the Swedish calendar, dates checked against the workflow's clock,
   * renegotiation carried to its end, follow-ups until the term ends, announcements of appeals,
   * endings and new terms (2026-11-28).
   */
  calendarLaw: boolean;
}

export const currentRules: Rules = { calendarLaw: true };

/** The rules of runs begun before 2026-11-28. */
export const firstRules: Rules = { calendarLaw: false };

/** The Temporal patch id that marks a run begun under `currentRules`. */
export const calendarLawPatch = 'calendar-law-2026-11-28';

import { finalFrom } from '../../domain/calendar';
import { addDays, addMonths, addYears } from '../../domain/dates';
import { partnershipWorkflowId } from '../../workflows/messages';
import { fullAgreement } from '../support/lifecycle';
import { historyText } from '../support/history-text';
import { expectRecordsMatch } from '../support/records';
import { recordRunHistoryIfAsked } from '../support/record-history';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';
const swedishContact = 'karin.berg@boras.example';
const englishContact = 'sam.jones@forening.example';
const everyone = [coordinator, swedishContact, englishContact];

/**
 * What docs/domain.md section 7 asks of a five-year term, written out by hand from its start day, up to
 * the day the parties started the next term (three months before the last day).
 */
function expectedSchedule(posted: string, start: string): string[] {
  // The term's last day: the day before the fifth anniversary.
  const end = addDays(addYears(start, 5), -1);
  // Fifteen months before the term's last day.
  const finalEvaluation = addMonths(end, -15);
  const nextTermStarted = addDays(addMonths(end, -3), 1);
  const lines: string[] = [];
  const add = (dueOn: string, kind: string, recipients: string[]) => {
    if (dueOn <= nextTermStarted) recipients.forEach((r) => lines.push(`${dueOn} ${kind} ${r}`));
  };
  // The two public parties' decisions become final the day after their last day to appeal.
  add(finalFrom(posted), 'DECISION_FINAL', [coordinator, coordinator]);
  // Monthly for six months, then quarterly, until the term ends, through its evaluation and
  // renegotiation: an invitation a week ahead; after it, a prompt to record it.
  const meetings = [1, 2, 3, 4, 5, 6, ...Array.from({ length: 17 }, (_, i) => 9 + 3 * i)].map((m) => addMonths(start, m)).filter((m) => m < end);
  for (const meeting of meetings) {
    add(addDays(meeting, -7), 'FOLLOW_UP_REMINDER', everyone);
    add(meeting, 'FOLLOW_UP_MEETING', [coordinator]);
  }
  // Nobody recorded a follow-up: a nudge after every 120 days of silence.
  for (let day = 120; addDays(start, day) < end; day += 120) add(addDays(start, day), 'SILENCE_NUDGE', everyone);
  for (const m of [12, 24, 36]) add(addMonths(start, m), 'EVALUATION_DUE', everyone);
  add(finalEvaluation, 'EVALUATION_DUE', everyone);
  for (const m of [12, 6, 3]) add(addMonths(end, -m), 'RENEGOTIATION_NOTICE', everyone);
  return lines.sort();
}

describe('a five-year partnership on the clock', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterAll(() => timers.stop());

  it('when a five-year term runs into a second, then every notice goes out on schedule, once, in each contact’s language, and the workflow continues as new', async () => {
    const { system, smtp, env } = timers;
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const firstRun = (await timers.handle(driver).describe()).runId;
      const [kommun, region, forening] = await driver.initiate();
      const parties = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: system.adminKey })).body.parties;
      for (const [partyId, email, language] of [
        [kommun, swedishContact, 'sv'],
        [forening, englishContact, 'en'],
      ] as const) {
        const organisationId = parties.find((p: any) => p.partyId === partyId).organisationId;
        const contact = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, {
          key: system.adminKey,
          body: { name: email.split('@')[0], email, language },
        });
        await driver.step('assign-contacts', { partyId, contactIds: [contact.body.id] });
      }
      await driver.step('save-agreement-draft', { sections: fullAgreement });
      await driver.step('submit-for-legal-review');
      await driver.passLegalReview();
      const posted = await timers.today();
      for (const [party, isPublic] of [[kommun, true], [region, true], [forening, false]] as const) await driver.decide(party!, 1, 'YES', isPublic, posted);

      await timers.sleepUntil(finalFrom(posted));
      const start = addDays(posted, 30);
      const end = addDays(addYears(start, 5), -1);
      await driver.step('start-implementation', { startDate: start });

      // The final evaluation is entered by the system, fifteen months before the end.
      await timers.sleepUntil(addMonths(start, 45));
      const evaluating = await driver.state();
      expect(evaluating.phase).toBe('EVALUATION');
      await driver.step('record-evaluation', {
        recordedOn: addMonths(start, 46),
        learningGoalAssessments: evaluating.learningGoals.map((g: any) => ({ learningGoalId: g.learningGoalId, assessment: 'Delvis nått.' })),
        conflictsToPrevent: null,
      });
      await driver.step('start-renegotiation');

      await timers.sleepUntil(addDays(addMonths(end, -3), 1));
      const everyParty = [kommun, region, forening].map((partyId) => ({ partyId, decision: 'YES' }));
      await driver.step('record-renegotiation-outcome', { outcome: 'CONTINUE', consents: everyParty, note: 'Vi fortsätter.' });
      const second = await driver.step('start-new-term', { startDate: addDays(end, 1) });
      expect(second).toMatchObject({ term: 2, phase: 'FORMULATION' });

      // The new term starts a new run, which carries the state: the old term's end sends nothing.
      await waitFor(async () => (await timers.handle(driver).describe()).runId !== firstRun);
      await timers.sleepUntil(addDays(end, 10));
      expect(await timers.notices(driver)).toEqual(expectedSchedule(posted, start));

      const byRecipient = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to).includes(address)).map((m) => m.subject ?? '');
      expect(byRecipient(englishContact).every((s) => /^(Follow-up meeting|It has been a while|Time to evaluate|\d+ months left|A new term has begun)/.test(s))).toBe(true);
      expect(byRecipient(swedishContact).every((s) => /^(Samråd|Det var länge sedan|Dags för utvärdering|\d+ månader kvar|En ny avtalsperiod har börjat)/.test(s))).toBe(true);
      expect(byRecipient(englishContact).filter((s) => s.includes('months left'))).toEqual(['12', '6', '3'].map((m) => `${m} months left of the term: Språkvänner i Borås`));

      const firstMeeting = addMonths(start, 1);
      const invitation = smtp.messages.find((m) => JSON.stringify(m.to).includes(swedishContact) && m.subject?.startsWith(`Samråd ${firstMeeting}`));
      const ics = invitation?.attachments.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString('utf8') ?? '';
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:${driver.id}:follow-up-meeting:1:1@127.0.0.1`);
      expect(ics).toContain(`DTSTART;VALUE=DATE:${firstMeeting.replaceAll('-', '')}`);
      expect(ics).toContain('SUMMARY:Samråd: Språkvänner i Borås');
      const attendees = ics.replace(/\r\n[ \t]/g, '').match(/^ATTENDEE.*$/gm) ?? [];
      expect(attendees.map((line) => line.replace(/^.*MAILTO:/i, '').trim()).sort()).toEqual([...everyone].sort());

      const secondRunId = (await timers.handle(driver).describe()).runId;
      const runOne = await env.client.workflow.getHandle(partnershipWorkflowId(driver.id), firstRun).fetchHistory();
      const events = runOne.events ?? [];
      expect(events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId).toBe(secondRunId);
      // Workflows carry ids: no name, address or key used in this run is anywhere in either run's history.
      const secondRunHistory = await env.client.workflow.getHandle(partnershipWorkflowId(driver.id), secondRunId).fetchHistory();
      const stored = historyText([runOne, secondRunHistory]);
      expect(stored).toContain(driver.id);
      for (const personal of [...everyone, 'karin.berg', 'sam.jones', 'Anna Andersson', system.adminKey, system.adminKey.slice(41)]) expect(stored).not.toContain(personal);
      const years = (Date.parse(end) - Date.parse(posted)) / (365.25 * 86_400_000);
      console.log(`history events of the first term's run: ${events.length}, ${Math.round(events.length / years)} per partnership-year`);
      expect(events.length / years).toBeLessThan(500);

      const state = await driver.state();
      expect(state).toMatchObject({ term: 2, phase: 'FORMULATION', revision: second.revision });
      expect(state.terms).toHaveLength(2);
      // After five years and a continue-as-new, the records still equal the workflow's state.
      await expectRecordsMatch(driver);
      await recordRunHistoryIfAsked(env.client, driver.id, firstRun, 'five-year-term-continued-as-new');
      await timers.terminateLeftovers();
      await recordRunHistoryIfAsked(env.client, driver.id, secondRunId, 'second-term-after-continue-as-new');
    });
  }, 300_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { agreementHeadings } from '../../domain/state';
import { partnershipStateQuery, partnershipWorkflowId } from '../../workflows/messages';
import { historyText, largestPayloadBytes } from '../support/history-text';
import { PartnershipDriver } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

/** 14 headings of 18,000 characters each, different in every version: about 250 kB a version. */
const longAgreement = (version: number) =>
  Object.fromEntries(agreementHeadings.map((h) => [h, `v${version} ${h} `.padEnd(18_000, `Avtalstext för version ${version}, rubrik ${h}. `)]));

describe('long texts are stored once and workflows carry their references (the claim check)', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('when one partnership saves 20 long agreement versions, then every step is accepted and no payload in its history exceeds 64 kB', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.initiate();
    for (let version = 1; version <= 20; version++) {
      await driver.step('save-agreement-draft', { sections: longAgreement(version) });
      await driver.step('submit-for-legal-review');
      if (version < 20) await driver.step('conclude-legal-review', { conclusion: 'CHANGES_REQUESTED', note: `Runda ${version}: förtydliga.` });
    }
    const view = await driver.state();
    expect(view).toMatchObject({ phase: 'LEGAL_REVIEW', submittedVersion: 20 });
    expect(view.agreementVersions).toHaveLength(20);

    // The partnership keeps taking steps.
    await driver.passLegalReview();
    expect((await driver.state()).phase).toBe('DECISION');

    const history = await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).fetchHistory();
    const largest = largestPayloadBytes(history);
    console.log(`20 versions of 14 × 18,000 characters: ${history.events?.length} events, largest payload ${largest} bytes`);
    expect(largest).toBeLessThan(64 * 1024);
    // The texts themselves never reach the history; their references do.
    const text = historyText(history);
    expect(text).not.toContain('Avtalstext för version');
    expect(text).toMatch(/sha256:[0-9a-f]{64}/);

    // The records hold every text in full, version by version.
    const versions = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/agreement-versions`, { key: system.adminKey })).body;
    expect(versions).toHaveLength(20);
    expect(versions[6].sections).toEqual(longAgreement(7));
    const live = await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).query(partnershipStateQuery);
    expect(JSON.stringify(live).length).toBeLessThan(64 * 1024);
  }, 240_000);

  it('when a long text is sent straight to Temporal instead of its reference, then the workflow refuses it and nothing changes', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.initiate();
    const before = await driver.state();
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    const actor = { type: 'API_KEY' as const, keyId: 'k', role: 'ADMINISTRATOR', organisationId: null };

    await expect(
      handle.executeUpdate('saveAgreementDraft', { args: [{ payload: { sections: { background: 'Inte en referens utan själva texten.' } }, actor, requestId: null }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_COMMAND' } });
    // A text PostgreSQL cannot store is refused by the workflow too, not retried at its recording for ever.
    await expect(
      handle.executeUpdate('recordExternalReference', { args: [{ payload: { system: 'Diarium\u0000', partyId: null, reference: 'KS 1' }, actor, requestId: null }] }),
    ).rejects.toMatchObject({ cause: { type: 'INVALID_COMMAND' } });
    // A made-up reference passes the workflow's check but is refused when it is recorded: no text is stored under it.
    await expect(
      handle.executeUpdate('describeChallenge', { args: [{ payload: { challenge: `sha256:${'0'.repeat(64)}` }, actor, requestId: null }] }),
    ).rejects.toMatchObject({ cause: { type: 'UNKNOWN_DOCUMENT' } });

    expect(await driver.state()).toEqual(before);
    // The partnership still takes steps.
    await driver.step('describe-challenge', { challenge: 'En ny beskrivning av utmaningen.' });
    expect((await driver.state()).challenge).toBe('En ny beskrivning av utmaningen.');
  });
});

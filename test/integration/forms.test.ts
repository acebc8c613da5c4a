import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { stepTypes, kebab } from '../../domain/steps';
import { addDays } from '../../domain/dates';
import { PartnershipDriver, registerOrganisation, runningPartnershipBody, today } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// The forms' JSON Schemas, read over HTTP and checked with Ajv (draft 2020-12) against payloads
// the API itself accepts and refuses: one declaration, one answer.
describe('e-service forms', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const validator = async (step: string) => {
    const response = await api(system, 'GET', `/api/v1/forms/${step}`, { key: system.adminKey });
    expect(response.status).toBe(200);
    expect(response.body.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv.compile(response.body);
  };

  it('when the forms are listed, then every step has one, and every schema compiles', async () => {
    const listed = (await api(system, 'GET', '/api/v1/forms', { key: system.adminKey })).body.forms;
    expect(listed.map((f: any) => f.step)).toEqual(stepTypes.map(kebab));
    for (const form of listed) await validator(form.step);
    expect((await api(system, 'GET', '/api/v1/forms/no-such-step', { key: system.adminKey })).status).toBe(400);
  });

  it('when a real payload is checked by the form schema and sent to the API, then both accept it; a broken one both refuse', async () => {
    const driver = await PartnershipDriver.register(system);
    const parties = await driver.implement();
    const validate = await validator('record-follow-up');
    const payload = { date: today(), participantPartyIds: parties, summary: 'Tolv träffar, 40 deltagare.', keyFigures: [{ name: 'deltagare', value: 40 }] };
    expect(validate(payload)).toBe(true);
    expect((await driver.attempt('record-follow-up', payload)).status).toBe(200);

    for (const broken of [
      { ...payload, summary: '' },
      { ...payload, summary: 'Med ett NUL\u0000' },
      { ...payload, date: '2026-13-01' },
      { ...payload, participantPartyIds: ['inte ett id'] },
      { ...payload, extra: true },
      { date: payload.date, participantPartyIds: parties },
    ]) {
      expect([JSON.stringify(broken), validate(broken)]).toEqual([JSON.stringify(broken), false]);
      expect([JSON.stringify(broken), (await driver.attempt('record-follow-up', broken)).status]).toEqual([JSON.stringify(broken), 400]);
    }
  });

  it('when the import form is read, then it takes the import the API takes, and refuses what the API refuses', async () => {
    const validate = await validator('partnership-import');
    const kommun = await registerOrganisation(system, 'PUBLIC');
    const forening = await registerOrganisation(system, 'IDEBUREN');
    const body = runningPartnershipBody(today(), (start) => ({
      parties: [{ organisationId: kommun }, { organisationId: forening }],
      decisions: [
        { organisationId: kommun, decidingBody: 'Kommunstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: addDays(start, -40), postingDate: addDays(start, -35) },
        { organisationId: forening, decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: addDays(start, -45) },
      ],
    }));
    expect(validate(body)).toBe(true);
    for (const broken of [{ ...body, title: '' }, { ...body, partnership: { ...body.partnership, term: 0 } }, { ...body, partnership: { ...body.partnership, parties: [] } }]) {
      expect(validate(broken)).toBe(false);
      expect((await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body: broken })).status).toBe(400);
    }
    expect((await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body })).status).toBe(201);
  });
});

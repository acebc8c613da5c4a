// Partnerships that the public register shows, brought in as running partnerships whose every
// decision is final, so they appear at once; for the register's pages' tests and the README's
// screenshot (scripts/register-screenshot.ts). Each run's organisations are its own: a test narrows
// the register to its own municipality, since other suites write to the same database.
import type { Area } from '../../domain/areas';
import type { ContributionKind } from '../../domain/state';
import { fullAgreement, organisationNumber, PartnershipDriver, runningPartnershipBody, today } from './lifecycle';
import { api, type TestSystem } from './system';

/** An organisation of this run's own; a public body with its municipality's or region's code at SCB, which the statistics count by county. */
export async function registerPartyOrganisation(system: TestSystem, name: string, kind: 'PUBLIC' | 'IDEBUREN', municipalityCode?: string): Promise<{ id: string; organisationNumber: string }> {
  const number = organisationNumber(kind === 'PUBLIC' ? '2' : '8');
  const response = await api(system, 'POST', '/api/v1/organisations', { key: system.adminKey, body: { name, kind, organisationNumber: number, ...(municipalityCode ? { municipalityCode } : {}) } });
  if (response.status !== 201) throw new Error(`organisation: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id as string, organisationNumber: number };
}

export interface PublishedPartnership {
  title: string;
  /** The public body, then the idéburen organisation. */
  parties: [string, string];
  area?: Area;
  challenge?: string;
  agreement?: Record<string, string>;
  contributions?: { party: 0 | 1; kind: ContributionKind; description: string; valueSek: number | null }[];
}

/** A running partnership in IMPLEMENTATION, final and so in the register; its id. */
export async function publishPartnership(system: TestSystem, given: PublishedPartnership): Promise<string> {
  const [publicBody, ideburen] = given.parties;
  const body = runningPartnershipBody(
    today(),
    (start) => ({
      parties: [
        { organisationId: publicBody, kind: 'PUBLIC' },
        { organisationId: ideburen, kind: 'IDEBUREN' },
      ],
      decisions: [
        { organisationId: publicBody, decidingBody: 'Socialnämnden', decidingBodyKind: 'NAMND', meetingDate: start, paragraph: '§ 45', postingDate: start },
        { organisationId: ideburen, decidingBody: 'Föreningens styrelse', decidingBodyKind: 'BOARD', meetingDate: start },
      ],
    }),
    given.title,
  );
  const partnership = { ...body.partnership, ...(given.challenge ? { challenge: given.challenge } : {}), agreement: given.agreement ?? fullAgreement };
  const imported = await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body: { ...body, partnership } });
  if (imported.status !== 201) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
  const id = imported.body.id as string;
  const parties = (imported.body.parties as { partyId: string; organisationId: string }[]).map((p) => p.partyId);
  const driver = new PartnershipDriver(system, id, system.adminKey);
  for (const contribution of given.contributions ?? []) {
    await driver.step('record-contribution', { partyId: parties[contribution.party], kind: contribution.kind, description: contribution.description, valueSek: contribution.valueSek });
  }
  if (given.area) {
    const area = await api(system, 'PUT', `/api/v1/partnerships/${id}/area`, { key: system.adminKey, body: { area: given.area } });
    if (area.status !== 200) throw new Error(`area: ${area.status} ${JSON.stringify(area.body)}`);
  }
  return id;
}

/** Withholds a field of a partnership on a ground of OSL, as an administrator does. */
export async function withhold(system: TestSystem, id: string, field: string, ground: string): Promise<void> {
  const response = await api(system, 'PUT', `/api/v1/partnerships/${id}/publication/withholdings/${field}`, { key: system.adminKey, body: { ground } });
  if (response.status !== 200) throw new Error(`withhold: ${response.status} ${JSON.stringify(response.body)}`);
}

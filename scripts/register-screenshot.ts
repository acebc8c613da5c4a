// The README's picture of the public register (docs/register.png): the real system, as the tests
// start it (its own database and Temporal dev server), with a few example partnerships, and the
// Swedish list as Chromium shows it. `npx tsx scripts/register-screenshot.ts`; not while a jest run
// of this checkout is going, which shares its run file (.data/test/).
import path from 'node:path';
import type { Area } from '../domain/areas';
import { launchBrowser } from '../test/support/browser';
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { publishPartnership, registerPartyOrganisation, type PublishedPartnership } from '../test/support/register-partnerships';
import { startSystem } from '../test/support/system';

const examples: { title: string; publicBody: [string, string]; ideburen: string; area: Area; contributions?: PublishedPartnership['contributions'] }[] = [
  {
    title: 'Språkvänner i Borås',
    publicBody: ['Borås stad', '1490'],
    ideburen: 'Föreningen Språkvän Sjuhärad',
    area: 'INTEGRATION',
    contributions: [
      { party: 0, kind: 'MONEY', description: 'Verksamhetsstöd', valueSek: 250_000 },
      { party: 1, kind: 'VOLUNTEER_WORK', description: 'Språkvänner varje vecka', valueSek: 80_000 },
    ],
  },
  {
    title: 'Skyddat boende för kvinnor och barn',
    publicBody: ['Uppsala kommun', '0380'],
    ideburen: 'Uppsala kvinnojour',
    area: 'VIOLENCE_PREVENTION',
    contributions: [
      { party: 0, kind: 'MONEY', description: 'Driftsbidrag', valueSek: 1_200_000 },
      { party: 0, kind: 'PREMISES', description: 'Lägenheter', valueSek: 300_000 },
    ],
  },
  { title: 'Läxhjälp i Lerum', publicBody: ['Lerums kommun', '1441'], ideburen: 'Lerums läxhjälpsförening', area: 'CHILDREN_YOUTH' },
  { title: 'Härbärge och dagverksamhet', publicBody: ['Malmö stad', '1280'], ideburen: 'Malmö härbärgesförening', area: 'HOMELESSNESS' },
  { title: 'Träffpunkt för äldre vid Storsjön', publicBody: ['Östersunds kommun', '2380'], ideburen: 'Träffpunkt Storsjön ideell förening', area: 'ELDERLY' },
];

async function main(): Promise<void> {
  await globalSetup();
  const system = await startSystem();
  const browser = await launchBrowser();
  try {
    for (const example of examples) {
      const publicBody = await registerPartyOrganisation(system, example.publicBody[0], 'PUBLIC', example.publicBody[1]);
      const ideburen = await registerPartyOrganisation(system, example.ideburen, 'IDEBUREN');
      await publishPartnership(system, { title: example.title, parties: [publicBody.id, ideburen.id], area: example.area, contributions: example.contributions });
    }
    const page = await browser.newPage({ viewport: { width: 1200, height: 1100 }, locale: 'sv-SE' });
    await page.goto(`${system.baseUrl}/register/sv`);
    const file = path.join(__dirname, '..', 'docs', 'register.png');
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await browser.close();
    await system.stop();
    await globalTeardown();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

// The administrator's pages in a real Chromium: bringing in a running partnership through the form
// made from the import's published schema, issuing and revoking an API key, and a webhook
// subscription with its delivery log, from which an event is sent again. Then every page of the
// workspace at 200 % zoom.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, addYears } from '../../domain/dates';
import { accessibilityViolations, launchBrowser, signInAs } from '../support/browser';
import { PartnershipDriver, registerOrganisation, today } from '../support/lifecycle';
import { api, eventually, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let municipality: string;
let association: string;

beforeAll(async () => {
  system = await startSystem({ signIn: {}, webhookAllowPrivateUrls: true });
  browser = await launchBrowser();
  const suffix = Math.random().toString(36).slice(2, 8);
  municipality = `Kommunen ${suffix}`;
  association = `Föreningen ${suffix}`;
  await registerOrganisation(system, 'PUBLIC', municipality);
  await registerOrganisation(system, 'IDEBUREN', association);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});
beforeEach(async () => {
  context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  page = await context.newPage();
});
afterEach(() => context.close());

/** Chooses the option whose label starts with `name` in the select with this id. */
async function choose(id: string, name: string): Promise<void> {
  const select = page.locator(`#${id}`);
  const label = await select.locator('option', { hasText: name }).first().textContent();
  await select.selectOption({ label: label! });
}

describe('the workspace, as an administrator', () => {
  it('when an administrator fills in the import form, then the running partnership is in IMPLEMENTATION with its parties and decisions, and a refusal is shown at its field first', async () => {
    // Other suites share the database: what the refusal must leave unchanged is counted first.
    const imports = async () => ((await api(system, 'GET', '/api/v1/partnerships?q=Kvarnby&limit=100', { key: system.adminKey })).body.partnerships as { title: string }[]).filter((p) => p.title === 'Läxhjälp i Kvarnby').length;
    const already = await imports();
    await signInAs(page, system.baseUrl, 'Ann Admin');
    await page.getByRole('link', { name: 'Importera pågående' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importera ett pågående partnerskap' }).waitFor();
    const start = addDays(today(), -400);
    await page.locator('#root_title').fill('Läxhjälp i Kvarnby');
    await page.locator('#root_coordinator_name').fill('Anna Andersson');
    await page.locator('#root_coordinator_email').fill('anna@kommun.example.se');
    await page.locator('#root_partnership_challenge').fill('Barn i Kvarnby saknar stöd med läxorna.');
    await page.locator('#root_partnership_phase').selectOption({ label: 'Genomförande' });
    await page.locator('#root_partnership_term').fill('1');
    await page.locator('#root_partnership_termStartDate').fill(start);
    await page.locator('#root_partnership_termEndDate').fill(addDays(addYears(start, 5), -1));
    // Two parties and two decisions are asked for from the start (the schema's minimum).
    await choose('root_partnership_parties_0_organisationId', municipality);
    await choose('root_partnership_parties_1_organisationId', association);
    await choose('root_partnership_decisions_0_organisationId', municipality);
    await page.locator('#root_partnership_decisions_0_decidingBody').fill('Kommunstyrelsen');
    await page.locator('#root_partnership_decisions_0_decidingBodyKind').selectOption({ label: 'Styrelse (offentlig)' });
    await page.locator('#root_partnership_decisions_0_meetingDate').fill(addDays(start, -40));
    await page.locator('#root_partnership_decisions_0_postingDate').fill(addDays(start, -35));
    await choose('root_partnership_decisions_1_organisationId', association);
    await page.locator('#root_partnership_decisions_1_decidingBody').fill('Styrelsen');
    await page.locator('#root_partnership_decisions_1_decidingBodyKind').selectOption({ label: 'Föreningens styrelse' });
    // A meeting day that is not a day: the API's refusal lands at that field, nothing is imported.
    await page.locator('#root_partnership_decisions_1_meetingDate').fill('2025-02-30');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Kontrollera uppgifterna' }).waitFor();
    await page.locator('#root_partnership_decisions_1_meetingDate').locator('xpath=ancestor::div[contains(@class,"form-group")][1]').getByText('Skriv ett datum som ÅÅÅÅ-MM-DD.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await imports()).toBe(already);

    await page.locator('#root_partnership_decisions_1_meetingDate').fill(addDays(start, -45));
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Läxhjälp i Kvarnby' })
      .waitFor({ timeout: 20_000 })
      .catch(async (error: unknown) => {
        await page.screenshot({ path: '/tmp/import-failed.png', fullPage: true });
        throw error;
      });
    const id = page.url().split('/').at(-1)!;
    const imported = (await api(system, 'GET', `/api/v1/partnerships/${id}`, { key: system.adminKey })).body;
    expect([imported.phase, imported.parties.length, imported.decisions.length, imported.terms.at(-1)?.startDate]).toEqual(['IMPLEMENTATION', 2, 2, start]);
  }, 120_000);

  it('when an administrator issues a key in the page, then its secret is shown once and works; revoked in the page, it works no more', async () => {
    await signInAs(page, system.baseUrl, 'Ann Admin', '/administration');
    await page.getByRole('heading', { level: 1, name: /Administration/ }).waitFor();
    await page.getByLabel('Benämning').fill('Ciceron, test');
    await page.getByLabel('Roll', { exact: true }).selectOption({ label: 'Handläggare' });
    await page.getByRole('button', { name: 'Utfärda nyckel' }).click();
    const secret = (await page.locator('code.secret').first().textContent())!;
    expect(secret.length).toBeGreaterThan(20);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await api(system, 'GET', '/api/v1/partnerships?limit=1', { key: secret })).status).toBe(200);

    // A reload shows the key, never its secret again.
    await page.reload();
    await page.getByRole('rowheader', { name: 'Ciceron, test' }).waitFor();
    expect(await page.locator('code.secret').count()).toBe(0);
    await page.getByRole('button', { name: 'Återkalla: Ciceron, test' }).click();
    await page.getByRole('button', { name: 'Bekräfta återkallelse av Ciceron, test' }).click();
    await page.getByText(/^Återkallad/).first().waitFor();
    expect((await api(system, 'GET', '/api/v1/partnerships?limit=1', { key: secret })).status).toBe(401);
  }, 60_000);

  it('when an administrator adds a webhook in the page, then its deliveries are listed there, and one sent again is listed again', async () => {
    const received: string[] = [];
    const receiver: Server = createServer((req, res) => {
      received.push(String(req.headers['webhook-id']));
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/iop-events`;
    try {
      await signInAs(page, system.baseUrl, 'Ann Admin', '/administration');
      await page.getByLabel('Mottagarens URL').fill(url);
      await page.getByLabel('Händelser (tomt för alla)').fill('se.iop.partnership.registered');
      await page.getByLabel('E-postadress', { exact: true }).fill('integration@kommun.example.se');
      await page.getByRole('button', { name: 'Lägg till webhook' }).click();
      await page.getByText('Signeringshemligheten visas bara nu:').waitFor();
      await page.getByRole('heading', { name: url }).waitFor();

      await PartnershipDriver.register(system);
      await eventually(async () => received.length >= 1);
      const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: url }) });
      await item.getByRole('button', { name: 'Visa leveranser' }).click();
      const log = page.getByRole('table', { name: `Leveranser: ${url}` });
      await log.waitFor();
      await log.getByRole('cell', { name: 'Skickat' }).first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await log.getByRole('button', { name: /^Skicka igen/ }).first().click();
      await eventually(async () => received.length >= 2);
      // The same event under its own webhook-id, so that the receiver can tell it has seen it; the log counts a second attempt.
      expect(received[1]).toBe(received[0]);
      await eventually(async () => (await log.locator('tbody tr').count()) >= 2);
      await log.getByRole('row').filter({ has: page.getByRole('cell', { name: '2', exact: true }) }).first().waitFor();
    } finally {
      for (const subscription of (await api(system, 'GET', '/api/v1/webhook-subscriptions', { key: system.adminKey })).body.subscriptions) {
        await api(system, 'DELETE', `/api/v1/webhook-subscriptions/${subscription.id}`, { key: system.adminKey });
      }
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 90_000);
});

describe('the workspace at 200 % zoom', () => {
  it('when each page is zoomed to 200 % in a 1280-pixel window, then it fits 640 CSS pixels with nothing to scroll sideways but tables, and has no accessibility violation', async () => {
    // Zooming a 1280 × 1024 window to 200 % lays the page out in 640 × 512 CSS pixels, each drawn as two.
    const zoomed = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 640, height: 512 }, deviceScaleFactor: 2 });
    const driver = await PartnershipDriver.register(system);
    // An organisation whose long name has nowhere to break: neither a chooser nor the register listing it may widen the page.
    const longName = `Långnamnsföreningen${'å'.repeat(180)}`;
    await registerOrganisation(system, 'IDEBUREN', longName);
    const zoomedPage = await zoomed.newPage();
    try {
      await signInAs(zoomedPage, system.baseUrl, 'Ann Admin');
      for (const [path, heading] of [
        ['/arbetslista', 'Arbetslista'],
        ['/partnerskap', 'Partnerskap'],
        [`/partnerskap/${driver.id}`, undefined],
        ['/partnerskap/ny', 'Registrera ett nytt partnerskap'],
        ['/partnerskap/importera', 'Importera ett pågående partnerskap'],
        ['/organisationer', 'Organisationer och kontaktpersoner'],
        [`/organisationer?namn=${encodeURIComponent(longName.slice(0, 30))}`, 'Organisationer och kontaktpersoner'],
        ['/administration', 'Administration: API-nycklar och webhookar'],
        ['/tillganglighet', 'Tillgänglighetsredogörelse'],
      ] as const) {
        await zoomedPage.goto(`${system.baseUrl}${path}`);
        await zoomedPage.getByRole('heading', { level: 1, ...(heading ? { name: heading } : {}) }).waitFor();
        await zoomedPage.getByRole('status').filter({ hasText: 'Hämtar' }).first().waitFor({ state: 'detached' });
        expect([path, await zoomedPage.evaluate('document.documentElement.scrollWidth')]).toEqual([path, 640]);
        expect([path, await accessibilityViolations(zoomedPage)]).toEqual([path, []]);
      }
    } finally {
      await zoomed.close();
    }
  }, 120_000);
});

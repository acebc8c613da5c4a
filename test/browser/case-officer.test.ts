// The workspace in a real Chromium, as a case officer uses it: signed in at the embedded provider,
// registering a partnership, adding its parties, naming a contact person and completing initiation, all by clicking and
// typing, with axe-core checking every page and form on the way.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, signInAs } from '../support/browser';
import { registerOrganisation } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let municipality: string;
let association: string;

beforeAll(async () => {
  system = await startSystem({ signIn: {} });
  browser = await launchBrowser();
  const suffix = Math.random().toString(36).slice(2, 8);
  municipality = `Kommunen ${suffix}`;
  association = `Föreningen ${suffix}`;
  await registerOrganisation(system, 'PUBLIC', municipality);
  const associationId = await registerOrganisation(system, 'IDEBUREN', association);
  const contact = await api(system, 'POST', `/api/v1/organisations/${associationId}/contacts`, { key: system.adminKey, body: { name: 'Karin Kontakt', email: 'karin@forening.example' } });
  expect(contact.status).toBe(201);
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

/** Opens a step's form from the case page and sends it, filled in by `fill`. */
async function takeStep(name: string, fill: (form: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  const form = page.getByRole('region', { name });
  await form.waitFor();
  expect(await accessibilityViolations(page)).toEqual([]);
  await fill(form);
  await form.getByRole('button', { name: 'Skicka' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Klart' })
    .waitFor({ timeout: 15_000 })
    .catch(async (error: unknown) => {
      await page.screenshot({ path: '/tmp/step-failed.png', fullPage: true });
      throw error;
    });
}

describe('the workspace, as a case officer', () => {
  it('when a case officer signs in, registers a partnership, adds its parties, names a contact person for one and completes initiation by clicking and typing, then the case is in FORMULATION and no page has an accessibility violation', async () => {
    await signInAs(page, system.baseUrl, 'Hanna Handläggare');
    await page.getByRole('heading', { level: 1, name: 'Arbetslista' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Nytt partnerskap' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera ett nytt partnerskap' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Titel').fill('Läxhjälp i Norrby');
    await page.getByLabel('Samhällsutmaning').fill('Barn i Norrby når inte målen i skolan.');
    await page.getByLabel('Samordnarens namn').fill('Hanna Handläggare');
    await page.getByLabel('Samordnarens e-postadress').fill('hanna@kommun.example');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Läxhjälp i Norrby' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    // What it waits on is said before anyone tries: two parties are missing.
    await page.getByText('Det behövs minst en offentlig och en idéburen part.').waitFor();

    for (const organisation of [municipality, association]) {
      await takeStep('Lägg till part', async (form) => {
        const chooser = form.getByRole('combobox', { name: /^Organisation/ });
        await chooser.selectOption((await chooser.locator('option', { hasText: organisation }).getAttribute('value'))!);
      });
    }
    await takeStep('Utse kontaktpersoner', async (form) => {
      const chooser = form.getByRole('combobox', { name: /^Part/ });
      await chooser.selectOption({ label: association });
      await form.getByRole('checkbox', { name: `Karin Kontakt (${association})` }).check();
    });
    await takeStep('Välj samverkansform', async (form) => {
      await form.getByRole('combobox', { name: /^Samverkansform/ }).selectOption({ label: 'IOP (idéburet offentligt partnerskap)' });
      await form.getByRole('textbox', { name: /^Motivering/ }).fill('Ett gemensamt åtagande, inte köp av tjänst.');
    });
    await takeStep('Avsluta agendasättningen');

    const current = page.locator('.stepper [aria-current="step"]');
    await expect(current.textContent()).resolves.toContain('Formulering');
    const id = page.url().split('/').at(-1)!;
    const read = await api(system, 'GET', `/api/v1/partnerships/${id}`, { key: system.adminKey });
    expect(read.body).toMatchObject({ phase: 'FORMULATION', title: 'Läxhjälp i Norrby' });
    expect(read.body.parties).toHaveLength(2);
    const named = read.body.parties.find((p: { kind: string }) => p.kind === 'IDEBUREN');
    expect(named.contactIds).toHaveLength(1);
  }, 120_000);

  it('when a required field is left empty, then the refusal is shown at that field and nothing is registered', async () => {
    await signInAs(page, system.baseUrl, 'Hanna Handläggare', '/partnerskap/ny');
    const before = await system.db.partnership.count();
    await page.getByLabel('Samordnarens namn').fill('Hanna Handläggare');
    await page.getByLabel('Samordnarens e-postadress').fill('hanna@kommun.example');
    await page.getByRole('button', { name: 'Registrera' }).click();
    await page.locator('#title[aria-invalid="true"]').waitFor();
    const title = page.getByLabel('Titel');
    const message = await page.locator(`#${await title.getAttribute('aria-describedby')}`).textContent();
    expect(message).toBeTruthy();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await system.db.partnership.count()).toBe(before);
  }, 60_000);
});

// The whole lifecycle by keyboard alone, in a real Chromium: every person signs in at the embedded
// provider and works the case page with Tab, Shift+Tab, Enter, Space, the arrow keys and typing,
// never a click, from registration to the first follow-up. The page is only read, to wait for it
// and to check what it shows; the focus is checked visible at the controls on the way.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { demoOrganisations } from '../../scripts/lib/demo-people';
import { agreementHeadings } from '../../domain/state';
import { addDays } from '../../domain/dates';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { chooseWithArrows, focusIsVisible, signInByKeyboard, tabTo, typeDay } from '../support/keyboard';
import { PartnershipDriver, registerOrganisation, today } from '../support/lifecycle';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
const association = demoOrganisations.find((o) => o.kind === 'IDEBUREN')!;
const suffix = Math.random().toString(36).slice(2, 8);
const municipality = `Kommunen ${suffix}`;
const title = `Läxhjälp med tangentbordet ${suffix}`;

beforeAll(async () => {
  system = await startSystem({ signIn: {} });
  browser = await launchBrowser();
  // The register of organisations is not the partnership's path: the two parties' organisations are
  // there before it starts. The representative the provider signs in acts for this demo organisation.
  await system.db.organisation.upsert({ where: { id: association.id }, create: { id: association.id, name: association.name, organisationNumber: association.organisationNumber, kind: association.kind }, update: {} });
  await registerOrganisation(system, 'PUBLIC', municipality);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

/** A new browser for this person, signed in by keyboard at the provider the path sends them to. */
async function asPerson(name: string, path: string, work: (page: Page) => Promise<void>): Promise<void> {
  const context: BrowserContext = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();
  try {
    await page.goto(`${system.baseUrl}${path}`);
    await signInByKeyboard(page, system.baseUrl, name);
    await work(page);
  } catch (error) {
    await page.screenshot({ path: '/tmp/keyboard-path.png', fullPage: true });
    throw error;
  } finally {
    await context.close();
  }
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A form's label as the renderer writes it: the field's name, with a star when it is required. */
const label = (name: string) => new RegExp(`^${literal(name)}\\*?$`);

/** Opens a step's form with Enter on its button, fills it in by keyboard and sends it with Enter on "Skicka". */
async function takeStep(page: Page, name: string, fill: (form: Locator) => Promise<void> = async () => undefined): Promise<void> {
  await tabTo(page, name);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  const form = page.getByRole('region', { name });
  await form.waitFor();
  await fill(form);
  await tabTo(page, 'Skicka');
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  // Under a loaded machine a step's answer has taken over 30 s: the page waits for it, as a person would.
  await page.getByRole('status').filter({ hasText: 'Klart' }).waitFor({ timeout: 90_000 });
}

/** Tabs to the list with this label and chooses the option with the arrow keys; the page shows it chosen. */
async function choose(page: Page, form: Locator, name: string, option: string): Promise<void> {
  await tabTo(page, label(name));
  expect(await focusIsVisible(page)).toBe(true);
  await chooseWithArrows(page, option);
  expect(await form.getByRole('combobox', { name: label(name) }).locator('option:checked').textContent()).toMatch(new RegExp(`^${literal(option)}`));
}

async function typeInto(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, label(name));
  await page.keyboard.type(text);
}

async function dayInto(page: Page, form: Locator, name: string, day: string): Promise<void> {
  await tabTo(page, label(name));
  expect(await focusIsVisible(page)).toBe(true);
  await typeDay(page, day);
  expect(await form.getByLabel(label(name)).inputValue()).toBe(day);
}

/** Toggles the checkbox with this label with Space; the page shows it checked. */
async function tick(page: Page, form: Locator, name: string): Promise<void> {
  await tabTo(page, label(name));
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Space');
  expect(await form.getByRole('checkbox', { name: label(name) }).isChecked()).toBe(true);
}

const currentPhase = (page: Page, phase: string) => page.locator('.stepper [aria-current="step"]', { hasText: phase }).waitFor({ timeout: 30_000 });

describe('the lifecycle by keyboard alone', () => {
  it('when every person works by keyboard alone, then the partnership goes from registration through initiation, legal review, every party’s decision and implementation to its first follow-up, with the focus visible at each control', async () => {
    let id = '';
    await asPerson('Hanna Handläggare', '/arbetslista', async (page) => {
      await page.getByRole('heading', { level: 1, name: 'Arbetslista' }).waitFor();
      await tabTo(page, 'Hoppa till innehållet');
      expect(await focusIsVisible(page)).toBe(true);
      await tabTo(page, 'Nytt partnerskap');
      expect(await focusIsVisible(page)).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Registrera ett nytt partnerskap' }).waitFor();
      await tabTo(page, 'Titel');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.type(title);
      await tabTo(page, 'Samhällsutmaning');
      await page.keyboard.type('Barn i Norrby når inte målen i skolan.');
      await tabTo(page, 'Samordnarens namn');
      await page.keyboard.type('Hanna Handläggare');
      await tabTo(page, 'Samordnarens e-postadress');
      await page.keyboard.type('hanna@kommun.example');
      await tabTo(page, 'Registrera');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      id = page.url().split('/').at(-1)!;

      // Chosen by name and number, as the chooser lists them: other suites register organisations of the same name.
      for (const organisation of [municipality, `${association.name} (${association.organisationNumber})`]) {
        await takeStep(page, 'Lägg till part', async (form) => {
          await choose(page, form, 'Organisation', organisation);
        });
      }
      await takeStep(page, 'Välj samverkansform', async (form) => {
        await choose(page, form, 'Samverkansform', 'IOP (idéburet offentligt partnerskap)');
        await typeInto(page, 'Motivering', 'Ett gemensamt åtagande, inte köp av tjänst.');
        expect(await accessibilityViolations(page)).toEqual([]);
      });
      await takeStep(page, 'Avsluta agendasättningen');
      await currentPhase(page, 'Formulering');

      // The whole draft by keyboard: fourteen headings, each a field reached by Tab.
      await takeStep(page, 'Spara avtalsutkast', async () => {
        for (const heading of agreementHeadings) {
          await tabTo(page, `root_sections_${heading}`);
          await page.keyboard.type(`Överenskommelsens text under ${heading}.`);
        }
      });
      await takeStep(page, 'Skicka till juridisk granskning');
      await currentPhase(page, 'Juridisk granskning');
    });

    await asPerson('Johan Jurist', `/partnerskap/${id}`, async (page) => {
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      for (const item of ['Kommunallagen', 'Statsstöd', 'Tjänst av allmänt ekonomiskt intresse', 'Prioriterat politiskt mål']) {
        await takeStep(page, 'Bedöm en punkt i granskningen', async (form) => {
          await choose(page, form, 'Granskningspunkt', item);
          await choose(page, form, 'Utfall', 'Utan anmärkning');
        });
      }
      await takeStep(page, 'Bedöm en punkt i granskningen', async (form) => {
        await choose(page, form, 'Granskningspunkt', 'Offentligt kontrakt (LOU)');
        await choose(page, form, 'Utfall', 'Utan anmärkning');
        // Two of the six criteria hold: not a public contract.
        await tick(page, form, 'Avtal mellan parterna');
        await tick(page, form, 'Parterna är överens');
        expect(await accessibilityViolations(page)).toEqual([]);
      });
      await takeStep(page, 'Avsluta den juridiska granskningen', async (form) => {
        await choose(page, form, 'Slutsats', 'Godkänd');
      });
      await currentPhase(page, 'Beslut');
    });

    await asPerson(`Företrädare för ${association.name}`, `/partnerskap/${id}`, async (page) => {
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await takeStep(page, 'Registrera beslut', async (form) => {
        await choose(page, form, 'Part', association.name);
        await choose(page, form, 'Utfall', 'Ja');
        await typeInto(page, 'Beslutande organ', 'Föreningens styrelse');
        await choose(page, form, 'Slag av organ', 'Föreningens styrelse');
        await dayInto(page, form, 'Sammanträdesdag', addDays(today(), -2));
        expect(await accessibilityViolations(page)).toEqual([]);
      });
      await page.getByRole('table', { name: 'Beslut' }).getByRole('cell', { name: association.name }).waitFor();
    });

    await asPerson('Hanna Handläggare', `/partnerskap/${id}`, async (page) => {
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await takeStep(page, 'Registrera beslut', async (form) => {
        await choose(page, form, 'Part', municipality);
        await choose(page, form, 'Utfall', 'Ja');
        await typeInto(page, 'Beslutande organ', 'Socialnämnden');
        await choose(page, form, 'Slag av organ', 'Nämnd');
        // Met and posted long ago: the appeal window has passed, and the decision is final at once.
        await dayInto(page, form, 'Sammanträdesdag', addDays(today(), -60));
        await dayInto(page, form, 'Anslagsdag', addDays(today(), -55));
      });
      await page.getByRole('table', { name: 'Beslut' }).getByRole('cell', { name: 'Har vunnit laga kraft' }).first().waitFor();
      await takeStep(page, 'Starta genomförandet', async (form) => {
        await dayInto(page, form, 'Startdag', today());
      });
      await currentPhase(page, 'Genomförande');
      await takeStep(page, 'Registrera uppföljning', async (form) => {
        await dayInto(page, form, 'Datum', today());
        await tick(page, form, municipality);
        await tick(page, form, association.name);
        await typeInto(page, 'Sammanfattning', 'Tio läxhjälpsträffar hölls.');
        expect(await accessibilityViolations(page)).toEqual([]);
      });
      await page.getByText('Tio läxhjälpsträffar hölls.').first().waitFor();
    });

    const state = await new PartnershipDriver(system, id, system.adminKey).state();
    expect(state.phase).toBe('IMPLEMENTATION');
    expect(state.followUps).toHaveLength(1);
    expect(state.followUps[0].summary).toBe('Tio läxhjälpsträffar hölls.');
    expect(state.agreementVersions).toEqual([expect.objectContaining({ version: 1, locked: true, headings: expect.arrayContaining([...agreementHeadings]) })]);
    expect(state.decisions).toHaveLength(2);
  }, 300_000);
});

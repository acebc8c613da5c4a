// How the workspace behaves beyond the happy path, in a real Chromium: a concurrent edit ends in the
// stale-case message, a first step works by keyboard alone with the focus visible (the whole
// lifecycle by keyboard is test/browser/keyboard-path.test.ts), the listing's filters live in the URL
// (a bookmark opens the same view), English is a click away, and a case's page fits 320 CSS pixels.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser, signInAs } from '../support/browser';
import { focusIsVisible, signInByKeyboard, tabTo } from '../support/keyboard';
import { organisationNumber as organisationNumberOf, PartnershipDriver } from '../support/lifecycle';
import { examplePartnership, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  system = await startSystem({ signIn: {} });
  browser = await launchBrowser();
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

describe('the workspace under pressure', () => {
  it('when someone else changes the case while a form is open, then sending it ends in the stale-case message, shows what changed, and records nothing', async () => {
    const driver = await PartnershipDriver.register(system);
    await signInAs(page, system.baseUrl, 'Hanna Handläggare', `/partnerskap/${driver.id}`);
    await page.getByRole('button', { name: 'Lägg till lärandemål', exact: true }).click();
    const form = page.getByRole('region', { name: 'Lägg till lärandemål' });
    await form.getByRole('textbox', { name: /^Beskrivning/ }).fill('Från formuläret');

    await driver.step('add-learning-goal', { partyId: null, description: 'Från någon annan' });
    await form.getByRole('button', { name: 'Skicka' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Någon annan har ändrat ärendet' });
    await alert.waitFor({ timeout: 10_000 }).catch(async (e: unknown) => {
      await page.screenshot({ path: '/tmp/stale.png', fullPage: true });
      throw e;
    });
    await alert.getByText('Revision 1: Lägg till lärandemål').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const goals = (await driver.state()).learningGoals.map((g: { description: string }) => g.description);
    expect(goals).toEqual(['Från någon annan']);
  }, 60_000);

  it('when a person uses the keyboard alone, then they sign in, register a partnership and take a step in it, with the focus visible throughout', async () => {
    await page.goto(`${system.baseUrl}/arbetslista`);
    await page.waitForURL((url) => url.origin !== system.baseUrl);
    await page.getByRole('heading', { name: 'Logga in i IOP Lifecycle' }).waitFor();
    await signInByKeyboard(page, system.baseUrl, 'Hanna Handläggare');
    await page.getByRole('heading', { level: 1, name: 'Arbetslista' }).waitFor();

    await tabTo(page, 'Hoppa till innehållet');
    expect(await focusIsVisible(page)).toBe(true);
    await tabTo(page, 'Nytt partnerskap');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Registrera ett nytt partnerskap' }).waitFor();
    await tabTo(page, 'title');
    await page.keyboard.type('Tangentbordets partnerskap');
    await tabTo(page, 'coordinatorName');
    await page.keyboard.type('Hanna Handläggare');
    await page.keyboard.press('Tab');
    await page.keyboard.type('hanna@kommun.example');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tangentbordets partnerskap' }).waitFor();

    await tabTo(page, 'Beskriv samhällsutmaningen');
    expect(await focusIsVisible(page)).toBe(true);
    await page.keyboard.press('Enter');
    await tabTo(page, 'root_challenge');
    await page.keyboard.type('Unga saknar mötesplatser på kvällarna.');
    await tabTo(page, 'Skicka');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Klart' }).waitFor();
    await page.getByText('Unga saknar mötesplatser på kvällarna.').waitFor();
  }, 60_000);

  it('when filters are chosen, then they are in the URL, and opening that URL again (a bookmark) shows the same partnerships with the same filters', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: `Fritidsgård ${tag}` });
    await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: `Läxhjälp ${tag}` });
    await signInAs(page, system.baseUrl, 'Rebecka Revisor', '/partnerskap');
    await page.getByRole('searchbox', { name: 'Sökord i titel och utmaning' }).fill(`Fritidsgård ${tag}`);
    await page.getByRole('combobox', { name: 'Fas' }).selectOption('INITIATION');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.waitForURL(/q=/);
    const bookmark = page.url();
    expect(new URL(bookmark).searchParams.get('phase')).toBe('INITIATION');
    const table = page.getByRole('table', { name: 'Partnerskap' });
    await table.getByRole('link', { name: `Fritidsgård ${tag}` }).waitFor();
    // The unfiltered list may still be shown for a moment after the URL changed: the filtered one replaces it.
    await table.getByRole('link', { name: `Läxhjälp ${tag}` }).waitFor({ state: 'detached' });
    expect(await accessibilityViolations(page)).toEqual([]);

    const again = await context.newPage();
    await again.goto(bookmark);
    await again.getByRole('table', { name: 'Partnerskap' }).getByRole('link', { name: `Fritidsgård ${tag}` }).waitFor();
    expect(await again.getByRole('table', { name: 'Partnerskap' }).getByRole('row').count()).toBe(2);
    expect(await again.getByRole('searchbox', { name: 'Sökord i titel och utmaning' }).inputValue()).toBe(`Fritidsgård ${tag}`);
  }, 60_000);

  it('when a case officer registers an organisation and adds, corrects and erases its contact person in the page, then the register holds exactly that, and the page has no accessibility violation', async () => {
    const name = `Föreningen Kontakt ${Math.random().toString(36).slice(2, 8)}`;
    await signInAs(page, system.baseUrl, 'Hanna Handläggare', '/organisationer');
    await page.getByRole('heading', { level: 1, name: 'Organisationer och kontaktpersoner' }).waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill(name);
    await page.getByRole('textbox', { name: 'Organisationsnummer' }).fill(organisationNumberOf('8'));
    await page.getByRole('button', { name: 'Registrera organisation' }).click();
    await page.getByRole('searchbox', { name: 'Sök organisation' }).fill(name);
    await page.getByRole('button', { name: 'Sök', exact: true }).click();
    await page.getByText(name).click();
    await page.locator('summary', { hasText: 'Lägg till kontaktperson' }).click();
    const item = page.getByRole('listitem').filter({ hasText: name });
    const addition = item.locator('form', { has: page.getByRole('button', { name: 'Lägg till kontaktperson' }) });
    await addition.getByRole('textbox', { name: 'Namn' }).fill('Karin Lund');
    await addition.getByRole('textbox', { name: 'E-postadress' }).fill('karin@forening.example');
    await addition.getByRole('button', { name: 'Lägg till kontaktperson' }).click();
    await item.getByText('Karin Lund (karin@forening.example)').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await item.getByRole('button', { name: 'Rätta Karin Lund' }).click();
    const correction = item.locator('form', { has: page.getByRole('button', { name: 'Spara' }) });
    await correction.getByRole('textbox', { name: 'E-postadress' }).fill('karin.lund@forening.example');
    await correction.getByRole('button', { name: 'Spara' }).click();
    await item.getByText('Karin Lund (karin.lund@forening.example)').waitFor();
    const organisation = await system.db.organisation.findFirstOrThrow({ where: { name } });
    expect((await system.db.contact.findMany({ where: { organisationId: organisation.id } })).map((c) => c.email)).toEqual(['karin.lund@forening.example']);

    await item.getByRole('button', { name: 'Radera Karin Lund' }).click();
    await item.getByRole('button', { name: 'Bekräfta radering av Karin Lund' }).click();
    await item.getByText('Inga').waitFor();
    expect(await system.db.contact.count({ where: { organisationId: organisation.id } })).toBe(0);
  }, 60_000);

  it('when a person switches to English, then the page speaks English and says so to assistive technology', async () => {
    await signInAs(page, system.baseUrl, 'Hanna Handläggare');
    await page.getByRole('button', { name: 'In English' }).click();
    await page.getByRole('link', { name: 'Work list' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 60_000);

  it('when a case page is read at 320 CSS pixels, then nothing needs scrolling sideways but its tables', async () => {
    const driver = await PartnershipDriver.register(system);
    await page.setViewportSize({ width: 320, height: 800 });
    await signInAs(page, system.baseUrl, 'Hanna Handläggare', `/partnerskap/${driver.id}`);
    await page.getByRole('heading', { level: 1, name: examplePartnership.title }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 60_000);
});

describe('a step that takes longer than the API waits', () => {
  it('when a step is answered 202 because no worker is there yet, then the page says it is received, and once a worker has taken it, says it is done and shows it', async () => {
    const slow = await startSystem({ signIn: {}, stepAnswerDeadlineMs: 1_500 });
    const own = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
    try {
      const driver = await PartnershipDriver.register(slow);
      const ownPage = await own.newPage();
      await signInAs(ownPage, slow.baseUrl, 'Hanna Handläggare', `/partnerskap/${driver.id}`);
      await slow.stopWorker();
      await ownPage.getByRole('button', { name: 'Lägg till lärandemål', exact: true }).click();
      const form = ownPage.getByRole('region', { name: 'Lägg till lärandemål' });
      await form.getByRole('textbox', { name: /^Beskrivning/ }).fill('Medan arbetaren sov');
      await form.getByRole('button', { name: 'Skicka' }).click();
      await ownPage.getByRole('status').filter({ hasText: 'Steget är mottaget' }).waitFor({ timeout: 30_000 });

      await slow.startWorker();
      await ownPage.getByRole('status').filter({ hasText: 'Klart' }).waitFor({ timeout: 60_000 });
      // The page read again once the step was taken: it shows the case at its new revision.
      expect(await ownPage.locator('.meta').textContent()).toMatch(/revision 1\b/i);
      expect((await driver.state()).learningGoals.map((g: { description: string }) => g.description)).toEqual(['Medan arbetaren sov']);
      expect(await accessibilityViolations(ownPage)).toEqual([]);
    } finally {
      await own.close();
      await slow.stop();
    }
  }, 120_000);
});

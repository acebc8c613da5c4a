// The public register's pages in a real Chromium: no WCAG 2.1 AA violation that axe-core finds on any
// kind of page in either language, every page working with JavaScript switched off, and the whole
// path from the list's filters to a partnership by keyboard alone, the focus seen at each step.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { chooseWithArrows, focusIsVisible, tabTo } from '../support/keyboard';
import { PartnershipDriver } from '../support/lifecycle';
import { publishPartnership, registerPartyOrganisation, withhold } from '../support/register-partnerships';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
const token = Math.random().toString(36).slice(2, 8);
const municipalityName = `Lerums kommun ${token}`;
const homework = `Läxhjälp i Lerum ${token}`;
const meetingPlace = `Mötesplats för äldre ${token}`;
const ids = { homework: '', meetingPlace: '', unpublished: '' };
let municipalityNumber = '';

beforeAll(async () => {
  system = await startSystem();
  browser = await launchBrowser();
  const municipality = await registerPartyOrganisation(system, municipalityName, 'PUBLIC', '1441');
  municipalityNumber = municipality.organisationNumber;
  const association = (await registerPartyOrganisation(system, `Lerums läxhjälpsförening ${token}`, 'IDEBUREN')).id;
  ids.homework = await publishPartnership(system, {
    title: homework,
    parties: [municipality.id, association],
    area: 'CHILDREN_YOUTH',
    contributions: [
      { party: 0, kind: 'MONEY', description: 'Verksamhetsstöd', valueSek: 180_000 },
      { party: 1, kind: 'VOLUNTEER_WORK', description: 'Läxhjälpare två kvällar i veckan', valueSek: 60_000 },
    ],
  });
  ids.meetingPlace = await publishPartnership(system, { title: meetingPlace, parties: [municipality.id, association], area: 'ELDERLY' });
  await withhold(system, ids.meetingPlace, 'contributions', '21 kap. 1 §');
  ids.unpublished = (await PartnershipDriver.register(system)).id;
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

async function inContext(options: Parameters<Browser['newContext']>[0], work: (page: Page) => Promise<void>, screenshot: string): Promise<void> {
  const context: BrowserContext = await browser.newContext({ timezoneId: 'Europe/Stockholm', ...options });
  const page = await context.newPage();
  try {
    await work(page);
  } catch (error) {
    await page.screenshot({ path: `/tmp/${screenshot}.png`, fullPage: true });
    throw error;
  } finally {
    await context.close();
  }
}

it('when every kind of page is read in Swedish and in English, then axe-core finds no WCAG 2.1 AA violation', async () => {
  await inContext(
    {},
    async (page) => {
      for (const language of ['sv', 'en']) {
        for (const path of [
          '',
          `?organisation=${municipalityNumber}&area=CHILDREN_YOUTH`,
          '?page=999',
          `/partnerships/${ids.homework}`,
          `/partnerships/${ids.meetingPlace}`,
          '/statistics',
          '/about',
          `/partnerships/${ids.unpublished}`,
          '?year=abc',
        ]) {
          await page.goto(`${system.baseUrl}/register/${language}${path}`);
          expect({ path: `${language}${path}`, violations: await accessibilityViolations(page) }).toEqual({ path: `${language}${path}`, violations: [] });
        }
      }
      // Under the register's CSP axe-core still runs and finds what is wrong: a filter without its label.
      await page.goto(`${system.baseUrl}/register/sv`);
      await page.evaluate("document.querySelector('label[for=filter-area]').remove()");
      expect(await accessibilityViolations(page)).toContain('select-name: #filter-area');
    },
    'register-axe',
  );
});

it('when JavaScript is switched off, then the form filters the list, a result leads to its partnership, and the language switch leads to the same page in English', async () => {
  await inContext(
    { javaScriptEnabled: false, locale: 'sv-SE' },
    async (page) => {
      const stylesheets: number[] = [];
      page.on('response', (response) => {
        if (response.url().endsWith('/register/assets/register.css')) stylesheets.push(response.status());
      });
      await page.goto(`${system.baseUrl}/register/sv`);
      await page.getByLabel('Kommun eller region').selectOption(municipalityNumber);
      await page.getByLabel('Verksamhetsområde').selectOption('ELDERLY');
      await page.getByRole('button', { name: 'Visa partnerskap' }).click();
      await page.waitForURL(/organisation=/);
      expect(new URL(page.url()).searchParams.get('area')).toBe('ELDERLY');
      expect(await page.locator('.results-count').textContent()).toBe('1 partnerskap');
      await page.getByRole('link', { name: meetingPlace }).click();
      await page.waitForURL(`**/register/sv/partnerships/${ids.meetingPlace}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(meetingPlace);
      await expect(page.getByText('Uppgiften är sekretessbelagd enligt offentlighets- och sekretesslagen (OSL) 21 kap. 1 §.').count()).resolves.toBe(1);
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL(`**/register/en/partnerships/${ids.meetingPlace}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 2, name: 'The parties’ contributions' }).count()).toBe(1);
      await page.getByRole('link', { name: 'Statistics' }).click();
      await page.waitForURL('**/register/en/statistics');
      expect(await page.getByRole('table', { name: 'Partnerships by county' }).getByRole('rowheader', { name: 'Västra Götalands län' }).count()).toBe(1);
      // The stylesheet is the register's own, which its CSP allows: the page is styled without a script.
      expect(stylesheets).toContain(200);
    },
    'register-no-script',
  );
});

it('when the register is worked by keyboard alone, then Tab reaches the filters, the arrow keys choose, Enter shows the list and opens a partnership, and the focus is always seen', async () => {
  await inContext(
    { locale: 'sv-SE' },
    async (page) => {
      await page.goto(`${system.baseUrl}/register/sv`);
      await tabTo(page, 'Hoppa till innehållet');
      expect(await focusIsVisible(page)).toBe(true);
      await tabTo(page, 'Kommun eller region');
      expect(await focusIsVisible(page)).toBe(true);
      expect(await chooseWithArrows(page, municipalityName)).toBe(`${municipalityName} (${municipalityNumber})`);
      await tabTo(page, 'Verksamhetsområde');
      expect(await focusIsVisible(page)).toBe(true);
      expect(await chooseWithArrows(page, 'Barn och unga')).toBe('Barn och unga');
      await tabTo(page, 'Visa partnerskap');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(/area=CHILDREN_YOUTH/);
      await tabTo(page, homework);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/register/sv/partnerships/${ids.homework}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(homework);
      await tabTo(page, 'English');
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/register/en/partnerships/${ids.homework}`);
      expect(await page.getByRole('table', { name: 'Each party’s contributions, in money or in kind, valued in kronor' }).getByText('SEK\u00a0180,000', { exact: true }).count()).toBe(1);
    },
    'register-keyboard',
  );
});

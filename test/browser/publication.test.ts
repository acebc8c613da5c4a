// A partnership's place in the public register, worked in the workspace by keyboard alone: a case
// officer sets its area; an administrator publishes it before its decisions are final, withholds its
// challenge on a ground of OSL (after a ground that is none is refused, changing nothing), and lifts
// it again. What the register shows is read from the register itself after each change.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, launchBrowser } from '../support/browser';
import { chooseWithArrows, focusIsVisible, signInByKeyboard, tabTo } from '../support/keyboard';
import { PartnershipDriver } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let driver: PartnershipDriver;
const challenge = `Ensamhet bland äldre i Kvarnby ${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  system = await startSystem({ signIn: {} });
  browser = await launchBrowser();
  driver = await PartnershipDriver.register(system);
  await driver.step('describe-challenge', { challenge });
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

const entry = async () => {
  const response = await api(system, 'GET', `/register/data/partnerships/${driver.id}`);
  return response.status === 200 ? (response.body as { area: string | null; challenge: string | null }) : null;
};
const publication = async () => (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/publication`, { key: system.adminKey })).body as { withholdings: unknown[]; area: string | null };

/** Tabs to the control, checks its focus can be seen, and presses Enter. */
async function press(name: string | RegExp): Promise<void> {
  await tabTo(page, name);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
}

async function openAs(name: string): Promise<void> {
  await page.goto(`${system.baseUrl}/partnerskap/${driver.id}`);
  await signInByKeyboard(page, system.baseUrl, name);
  await page.getByRole('heading', { level: 2, name: 'Offentliga registret' }).waitFor();
}

describe('the public register, in the workspace', () => {
  it('when a case officer chooses an area, then the partnership has it, and a case officer is offered no publishing or withholding', async () => {
    await openAs('Hanna Handläggare');
    await page.getByText('Partnerskapet visas inte i det offentliga registret', { exact: false }).waitFor();
    await tabTo(page, 'Verksamhetsområde');
    expect(await chooseWithArrows(page, 'Integration och etablering')).toBe('Integration och etablering');
    await press('Spara verksamhetsområde');
    await page.getByRole('status').filter({ hasText: 'Verksamhetsområdet är sparat.' }).waitFor();
    expect((await publication()).area).toBe('INTEGRATION');
    expect(await page.getByRole('button', { name: 'Publicera i förtid' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sekretessbelägg' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('when an administrator publishes early, withholds the challenge and lifts it again, then the register shows each change, and a ground that is none is refused with nothing changed', async () => {
    expect(await entry()).toBeNull();
    await openAs('Ann Admin');
    await press('Publicera i förtid');
    await page.getByRole('status').filter({ hasText: 'publicerat i registret' }).waitFor();
    await page.getByRole('link', { name: 'sidan i registret' }).waitFor();
    expect(await entry()).toMatchObject({ area: 'INTEGRATION', challenge });

    await tabTo(page, 'Vad');
    expect(await chooseWithArrows(page, 'Samhällsutmaningen')).toBe('Samhällsutmaningen');
    await tabTo(page, 'Grund i offentlighets- och sekretesslagen');
    await page.keyboard.type('sekretess');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Kontrollera uppgifterna' }).waitFor();
    await page.getByText('Skriv kapitel och paragraf i offentlighets- och sekretesslagen, till exempel 21 kap. 7 §.').first().waitFor();
    expect(await page.locator('#publication-ground').getAttribute('aria-invalid')).toBe('true');
    expect((await publication()).withholdings).toEqual([]);
    expect((await entry())?.challenge).toBe(challenge);
    expect(await accessibilityViolations(page)).toEqual([]);

    await tabTo(page, 'Grund i offentlighets- och sekretesslagen');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('21 kap. 7 §');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Samhällsutmaningen visas inte längre i registret.' }).waitFor();
    await page.getByText('Samhällsutmaningen: sekretess enligt OSL 21 kap. 7 §').waitFor();
    expect((await entry())?.challenge).toBeNull();
    expect(await accessibilityViolations(page)).toEqual([]);

    await press('Häv sekretessen: Samhällsutmaningen');
    await page.getByRole('status').filter({ hasText: 'Sekretessen för samhällsutmaningen är hävd.' }).waitFor();
    expect((await entry())?.challenge).toBe(challenge);

    await press('Dra tillbaka förtida publicering');
    await page.getByRole('status').filter({ hasText: 'tillbakadragen' }).waitFor();
    expect(await entry()).toBeNull();
  });
});

// A page worked by keyboard alone, as a person who uses no mouse works it: the focus moved with Tab
// to a control found by what it is called, a choice made with the arrow keys, a day typed digit by
// digit. The page is only read here, never clicked or filled in, so that what passes here works
// for someone with the keyboard alone.
import type { Page } from 'playwright-core';

// A string, run in the page: this file is compiled for Node.js, which knows no document. Every name
// a person could know the focused control by: its aria-label, its label, its text, its id.
const focusedNames = `(() => {
  const e = document.activeElement;
  if (!e) return [];
  return [e.getAttribute('aria-label'), ...Array.from(e.labels ?? [], (l) => l.textContent), e.textContent, e.id].filter(Boolean).map((n) => n.trim());
})()`;

/** Presses Tab until the focus is on the element known by this name; fails if it never gets there (a trap, or out of reach). */
export async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  for (let presses = 0; presses < 150; presses++) {
    await page.keyboard.press('Tab');
    const names = (await page.evaluate(focusedNames)) as string[];
    if (names.some((n) => (typeof name === 'string' ? n === name : name.test(n)))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

/** The focused element draws an outline: the focus can be seen. */
export async function focusIsVisible(page: Page): Promise<boolean> {
  return (await page.evaluate('(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; })()')) as boolean;
}

/**
 * In the focused <select>, moves the choice with the arrow keys to the option whose text is
 * `option` (or starts with it), as a person reads the list; returns the text then chosen.
 */
export async function chooseWithArrows(page: Page, option: string): Promise<string> {
  const read = async () =>
    (await page.evaluate('(() => { const s = document.activeElement; return s instanceof HTMLSelectElement ? { texts: Array.from(s.options, (o) => o.text), at: s.selectedIndex } : null; })()')) as { texts: string[]; at: number } | null;
  const select = await read();
  if (!select) throw new Error(`The focus is not on a list to choose ${option} in`);
  const target = select.texts.findIndex((text) => text === option || text.startsWith(option));
  if (target < 0) throw new Error(`No option ${option} among ${select.texts.join(', ')}`);
  for (let at = select.at; at !== target; at += target > at ? 1 : -1) await page.keyboard.press(target > at ? 'ArrowDown' : 'ArrowUp');
  const chosen = await read();
  return chosen!.texts[chosen!.at]!;
}

/**
 * Types an ISO day into the focused, empty date field, reached by Tab (so on its first part). The
 * field asks for its parts in the order of Chromium's own language, not the page's (under sv-SE here
 * it still asked month, day, year), so the order is read off the field first, as a person reads it:
 * one, two and three presses of ArrowUp in its three parts make month 1 and day 2 or 3 where they are.
 */
export async function typeDay(page: Page, isoDay: string): Promise<void> {
  for (let part = 1; part <= 3; part++) {
    for (let press = 0; press < part; press++) await page.keyboard.press('ArrowUp');
    if (part < 3) await page.keyboard.press('Tab');
  }
  const probe = String(await page.evaluate('document.activeElement.value'));
  const [, month, day] = probe.split('-').map(Number) as [number, number, number];
  if (!/^\d{4}-\d\d-\d\d$/.test(probe) || month > 3 || day > 3) throw new Error(`The date field is not empty and on its first part: ${probe}`);
  const [y, m, d] = isoDay.split('-') as [string, string, string];
  const order: string[] = [];
  order[month - 1] = m;
  order[day - 1] = d;
  order[5 - month - day] = y;
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  for (const [at, digits] of order.entries()) {
    await page.keyboard.type(digits);
    // Month and day move on after two digits; a year takes up to six, so Tab moves on from it.
    if (digits === y && at < 2) await page.keyboard.press('Tab');
  }
  const typed = await page.evaluate('document.activeElement.value');
  if (typed !== isoDay) throw new Error(`The date field holds ${String(typed)}, not ${isoDay}`);
}

/** At the embedded provider's sign-in page, tabs to this demo person's button and presses Enter. */
export async function signInByKeyboard(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.getByRole('button', { name: `Logga in som ${name}` }).waitFor();
  await tabTo(page, `Logga in som ${name}`);
  expect(await focusIsVisible(page)).toBe(true);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.origin === baseUrl);
}

// A real Chromium for the workspace's tests: Debian's, which the set-up installs (playwright-core
// drives it; Playwright's own download cannot reach its host here), and axe-core run in the page.
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);

export function chromiumPath(): string {
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`No Chromium at ${candidates.join(', ')}: run node scripts/setup.mjs --test, which installs Debian's chromium`);
  return found;
}

export function launchBrowser(args: string[] = []): Promise<Browser> {
  // As root (CI here), Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: chromiumPath(), args: [...args, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])] });
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.1 A and AA violations axe-core finds on the page as it is now, each as
 * "rule: target" so that a failure names what to fix. Run through the DevTools protocol, which the
 * page's CSP does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
  // A string, run in the page: this file is compiled for Node.js, which knows no document.
  const results = (await page.evaluate(`axe.run(document, ${options})`)) as { violations: { id: string; nodes: { target: string[] }[] }[] };
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Signs in at the embedded provider's page as a demo person, by clicking its button. */
export async function signInAs(page: Page, baseUrl: string, name: string, path = '/arbetslista'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('button', { name: `Logga in som ${name}` }).click();
  await page.waitForURL((url) => url.origin === baseUrl);
}

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../src/common/paths';
import type { TestApp } from './app';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Debian's Chromium (`apt-get install chromium`); CABILDO_CHROMIUM_PATH pointing at nothing simulates a machine without it. */
export const CHROMIUM = process.env.CABILDO_CHROMIUM_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = join(PROJECT_ROOT, 'test', 'output', 'screenshots');

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
// The npm Chromium starts here with the same flags as Debian's. Its own list (chromium.args) is
// not used: it switches off web security, and --single-process crashes after a page closes.

/**
 * Headless Chromium with the flags this closed network needs: Debian's when it is installed,
 * otherwise the one that comes from npm (@sparticuz/chromium, unpacked into /tmp by the test
 * run's global setup: CABILDO_NPM_CHROMIUM), so that `npm test` needs nothing but Node.
 */
export async function launchBrowser(): Promise<Browser> {
  if (existsSync(CHROMIUM)) return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const fromNpm = process.env.CABILDO_NPM_CHROMIUM;
  if (!fromNpm || !existsSync(fromNpm)) throw new Error(`Chromium no está instalado en ${CHROMIUM} y no se pudo preparar el de npm (@sparticuz/chromium)`);
  return chromium.launch({ executablePath: fromNpm, headless: true, args: ARGS });
}

/** Make the test app listen on a loopback port, for a real browser. Returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function browserLogin(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/Correo electrónico/).fill(email);
  await page.getByLabel(/^Contraseña/).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** axe-core on the current page, WCAG 2.1 A and AA; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP stays on while it runs.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  type AxeResult = { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  // Runs in the page: written as a string so that the test code needs no DOM types. Only violations are
  // wanted: resultTypes spares axe the detail of every passing node (it still runs every rule).
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })`)) as AxeResult;
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_USERS, DemoService } from '../../src/demo/demo.service';
import { createTestApp, TestApp } from '../support/app';
import { browserLogin, launchBrowser, listen, screenshot } from '../support/browser';

jest.setTimeout(240_000);

/** Issue 16 item 23: the staff pages on a 390-px phone, with what a person needs on the first screen. */
describe('staff pages on a phone (390 × 844)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let phone: BrowserContext;
  /** A fresh phone for each person (a signed-in browser is sent from /login to its panel). */
  const newPhone = async () => {
    await phone?.close();
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
    return phone.newPage();
  };
  const account = (role: string) => DEMO_USERS.find((u) => u.role === role)!;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    (t?.app.getHttpServer() as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    await t?.close();
  });

  it('says a wrong password once', async () => {
    const page = await newPhone();
    await page.goto(`${base}/login`);
    await page.getByLabel(/Correo electrónico/).fill(account('attention').email);
    await page.getByLabel(/^Contraseña/).fill('no-es-la-contraseña');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.waitForLoadState('domcontentloaded');
    const shown = (await page.evaluate('document.body.innerText')) as string;
    const message = (await page.locator('[role=alert]').first().innerText()).trim();
    expect(message.length).toBeGreaterThan(5);
    expect(shown.split(message).length - 1).toBe(1);
    await page.close();
  });

  it('shows each case of the inbox whole: deadline and department on screen, rows short', async () => {
    const page = await newPhone();
    await browserLogin(page, base, account('attention').email, account('attention').password);
    await page.goto(`${base}/casos`);
    await screenshot(page, 'phone-inbox-390');
    const row = page.locator('table.cases tbody tr').first();
    const cells = row.locator('td');
    const n = await cells.count();
    for (let i = 0; i < n; i++) {
      const b = await cells.nth(i).boundingBox();
      if (b && b.width > 0) expect(b.x + b.width).toBeLessThanOrEqual(391);
    }
    expect((await row.boundingBox())!.height).toBeLessThan(260);
    await page.close();
  });

  it('keeps the media bank filters folded, so results are on the first screen', async () => {
    const page = await newPhone();
    await browserLogin(page, base, account('press').email, account('press').password);
    await page.goto(`${base}/banco`);
    await screenshot(page, 'phone-bank-390');
    expect(await page.locator('details.filters').count()).toBe(1);
    expect(await page.evaluate(`document.querySelector('details.filters').open`)).toBe(false);
    const firstResult = page.locator('ul.media-grid > li').first();
    expect((await firstResult.boundingBox())!.y).toBeLessThan(844);
    await page.close();
  });

  it("keeps a release's delivery actions within reach, and the month view without sideways scrolling", async () => {
    const page = await newPhone();
    await browserLogin(page, base, account('press').email, account('press').password);
    const [{ id }] = await t.dataSource.query(`SELECT id FROM press_releases ORDER BY id LIMIT 1`);
    await page.goto(`${base}/comunicados/${id}/envio`);
    await screenshot(page, 'phone-delivery-390');
    const buttons = page.locator('main button, main .button');
    for (let i = 0; i < (await buttons.count()); i++) {
      const b = await buttons.nth(i).boundingBox();
      if (b) expect(b.x + b.width).toBeLessThanOrEqual(391);
    }
    await page.goto(`${base}/agenda/mes`);
    await screenshot(page, 'phone-month-390');
    const overflow = (await page.evaluate(`[...document.querySelectorAll('main *')].filter((e) => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible').map((e) => e.tagName + '.' + e.className)`)) as string[];
    expect(overflow).toEqual([]);
    await page.close();
  });
});

import type { Browser, BrowserContext } from 'playwright-core';
import sharp from 'sharp';
import { createTestApp, TestApp } from '../support/app';
import { browserLogin, launchBrowser, listen } from '../support/browser';
import { seedCategory } from '../support/cases';

jest.setTimeout(120_000);

/** What citizens and counter staff hit in a real browser (issue 16). */
describe('citizen attention in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let phone: BrowserContext;

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    await seedCategory(t, { name: 'Alumbrado público' });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
  });
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    (t?.app.getHttpServer() as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
    await t?.close();
  });

  it('item 13: the browser checks the form before a slow upload starts, consent included', async () => {
    const page = await phone.newPage();
    await page.goto(`${base}/solicitudes/nueva`);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.getByLabel('Tema').selectOption({ label: 'Alumbrado público' });
    await page.locator('#f-locality').fill('Chuchupe');
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#468' } }).jpeg().toBuffer();
    await page.locator('#f-attachments').setInputFiles({ name: 'poste.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.locator('[data-pow-fallback]').waitFor({ state: 'hidden' });
    // Description blank and consent unticked: nothing is sent.
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(await page.evaluate('document.getElementById("f-description").validity.valueMissing')).toBe(true);
    await page.locator('#f-description').fill('El poste de la esquina lleva una semana apagado.');
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    expect(await page.evaluate('document.getElementById("f-consent").validity.valueMissing')).toBe(true);
    await page.locator('#f-consent').check();
    await Promise.all([page.waitForURL(/\/solicitudes\/acuse\//), page.getByRole('button', { name: 'Enviar solicitud' }).click()]);
    expect(posts).toHaveLength(1);
    await page.close();
  });

  it("item 13: the chosen category's required question is checked in the browser too", async () => {
    const [{ id: categoryId }] = await t.dataSource.query(`SELECT id FROM categories WHERE name = 'Alumbrado público'`);
    await t.dataSource.query(`INSERT INTO category_questions (category_id, code, question, kind, required, position) VALUES ($1, 'poste', 'Número del poste', 'text', true, 1)`, [categoryId]);
    const page = await phone.newPage();
    await page.goto(`${base}/solicitudes/nueva`);
    const posts: string[] = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.getByLabel('Tema').selectOption({ label: 'Alumbrado público' });
    await page.getByLabel(/Número del poste/).waitFor();
    await page.locator('#f-description').fill('Poste sin luz.');
    await page.locator('#f-locality').fill('Chuchupe');
    await page.locator('#f-consent').check();
    await page.locator('[data-pow-fallback]').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await page.waitForTimeout(500);
    expect(posts).toEqual([]);
    await page.getByLabel(/Número del poste/).fill('P-114');
    await Promise.all([page.waitForURL(/\/solicitudes\/acuse\//), page.getByRole('button', { name: 'Enviar solicitud' }).click()]);
    await t.dataSource.query(`DELETE FROM category_questions WHERE category_id = $1`, [categoryId]);
    await page.close();
  });

  it('item 16: the printed receipt is the PDF receipt: header, QR, address, description, and no staff message', async () => {
    const clerk = await t.factories.user('attention');
    const office = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    const page = await office.newPage();
    await browserLogin(page, base, clerk.email, clerk.password);
    await page.goto(`${base}/casos/nueva`);
    await page.getByLabel('Tema').selectOption({ label: 'Alumbrado público' });
    await page.locator('#f-description').fill('Lámpara apagada frente al mercado desde el lunes.');
    await page.locator('#f-locality').fill('Tampacán');
    await page.locator('#f-street').fill('Calle Hidalgo 12');
    await page.locator('#f-consent').check();
    await Promise.all([page.waitForURL(/\/solicitudes\/acuse\//), page.locator('[data-submit]').click()]);
    expect(await page.textContent('main')).toContain('Entregue el acuse'); // on screen, for the clerk

    await page.emulateMedia({ media: 'print' });
    const printed = (await page.evaluate('document.body.innerText')) as string;
    expect(printed).not.toContain('Entregue el acuse');
    expect(printed).toContain('H. Ayuntamiento de Tampacán');
    expect(printed).toContain('Calle Hidalgo 12');
    expect(printed).toContain('Lámpara apagada frente al mercado desde el lunes.');
    expect(await page.locator('.receipt svg.qr').isVisible()).toBe(true);
    expect(printed).not.toMatch(/Descargar acuse|Imprimir/);
    await office.close();
  });
});

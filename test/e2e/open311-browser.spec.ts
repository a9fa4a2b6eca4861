import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CategoryQuestionsService } from '../../src/departments/category-questions.service';
import { createTestApp, TestApp } from '../support/app';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { seedCategory } from '../support/cases';

describe('category questions and API keys in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let potholes: number;

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    potholes = (await seedCategory(t, { name: 'Bacheo y pavimentación' })).category.id;
    await seedCategory(t, { name: 'Alumbrado público' });
    await t.app.get(CategoryQuestionsService).create(potholes, { question: 'Tamaño del bache', kind: 'single', required: true, position: 1, options: 'chico | Chico\ngrande | Grande', active: true }, SYSTEM_ACTOR);
    await t.app.get(CategoryQuestionsService).create(potholes, { question: 'Riesgos cercanos', kind: 'multiple', required: false, position: 2, options: 'escuela | Cerca de una escuela\nagua | Se llena de agua', active: true }, SYSTEM_ACTOR);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('on a 390-px phone the chosen category’s questions appear without reloading the page, and the pages pass axe', async () => {
    const ctx = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'es-MX' });
    const page = await ctx.newPage();
    await page.goto(`${base}/solicitudes/nueva`);
    // With JavaScript the grouped fallback is cleared until a category is chosen.
    expect(await page.locator('text=Tamaño del bache').count()).toBe(0);
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 1));
    await page.selectOption('#f-categoryId', String(potholes));
    await page.getByLabel('Tamaño del bache').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(1); // same page, not reloaded
    expect(await page.getByLabel('Cerca de una escuela').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open311-category-questions-phone');
    await page.selectOption('#f-categoryId', { label: 'Alumbrado público' });
    await page.locator('text=Tamaño del bache').waitFor({ state: 'detached' });

    // Without JavaScript every category's questions are drawn, grouped under their category.
    const noJs = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true, viewport: { width: 390, height: 844 } });
    const plain = await noJs.newPage();
    await plain.goto(`${base}/solicitudes/nueva`);
    expect(await plain.locator('legend', { hasText: 'Si elegiste «Bacheo y pavimentación»' }).count()).toBe(1);
    await noJs.close();

    const admin = await t.factories.user('admin');
    await browserLogin(page, base, admin.email, admin.password);
    await page.goto(`${base}/admin/categorias/${potholes}/preguntas`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${base}/admin/api`);
    await page.getByLabel('Nombre del cliente').fill('App Tampacán');
    await page.getByRole('button', { name: 'Emitir clave' }).click();
    const key = await page.locator('[data-api-key]').textContent();
    expect(key).toMatch(/^c311_[a-z0-9]+_/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'open311-api-key-once');
    await ctx.close();
  });
});

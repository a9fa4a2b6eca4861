import { Browser } from 'playwright-core';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { createTestApp, TestApp } from '../support/app';

describe('foundation pages in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let admin: Awaited<ReturnType<TestApp['factories']['user']>>;

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchBrowser();
    admin = await t.factories.user('admin', { name: 'Laura Martínez Ríos' });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  for (const width of [390, 1280]) {
    it(`has no serious accessibility problems at ${width}px, and works by keyboard`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'es-MX' });
      const page = await context.newPage();
      const problems: string[] = [];
      for (const path of ['/', '/login', '/aviso-de-privacidad']) {
        await page.goto(base + path);
        expect(await page.getAttribute('html', 'lang')).toBe('es-MX');
        problems.push(...(await axeViolations(page)).map((v) => `${path}: ${v.id} ${v.nodes.join(', ')}`));
        await screenshot(page, `foundation${path.replace(/\//g, '_') || '_home'}-${width}`);
      }
      // Keyboard only: tab to the email field, type, tab to the password, type, Enter.
      await page.goto(base + '/login');
      await page.keyboard.press('Tab'); // skip link
      let guard = 0;
      while ((await page.evaluate('document.activeElement && document.activeElement.id')) !== 'f-email' && guard++ < 15) await page.keyboard.press('Tab');
      await page.keyboard.type(admin.email);
      await page.keyboard.press('Tab');
      await page.keyboard.type(admin.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/panel$/);
      for (const path of ['/panel', '/admin/usuarios', '/admin/usuarios/nuevo', '/admin/dependencias', '/admin/calendario', '/admin/auditoria', '/correo/saliente']) {
        await page.goto(base + path);
        problems.push(...(await axeViolations(page)).map((v) => `${path}: ${v.id} ${v.nodes.join(', ')}`));
        await screenshot(page, `foundation${path.replace(/\//g, '_')}-${width}`);
      }
      // The 422 round trip, as a person sees it: the error beside the field and focus on it.
      await page.goto(base + '/admin/usuarios/nuevo');
      await page.getByLabel('Nombre completo').fill('José Ñandú');
      await page.getByLabel('Correo electrónico').fill('no-es-correo');
      await page.getByRole('button', { name: 'Guardar' }).click();
      await page.waitForSelector('#f-email-error');
      expect(await page.textContent('#f-email-error')).toContain('Escriba un correo electrónico válido');
      expect(await page.inputValue('#f-name')).toBe('José Ñandú');
      problems.push(...(await axeViolations(page)).map((v) => `422: ${v.id} ${v.nodes.join(', ')}`));
      await context.close();
      expect(problems).toEqual([]);
    });
  }

  it('signs in through the real form and out again', async () => {
    const page = await browser.newPage();
    await browserLogin(page, base, admin.email, admin.password);
    expect(await page.textContent('h1')).toContain('Hola, Laura Martínez Ríos');
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/login/);
    await page.close();
  });
});

import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { jpegWithGps, seedCategory } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

// A long journey through three browsers: generous limits, as the machine may be busy.
jest.setTimeout(180_000);

describe('cases in a real browser: from a phone to the reply and the rating', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let departmentName: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    base = await listen(t);
    browser = await launchBrowser();
    departmentName = (await seedCategory(t, { name: 'Limpieza y recolección de basura', departmentName: 'Servicios Municipales' })).department.name;
  });
  afterAll(async () => {
    await browser?.close();
    (t?.app.getHttpServer() as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.(); // keep-alive sockets of the browser
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  // bypassCSP only lets the test inject axe-core; the pages themselves run under the app's CSP.
  it('a citizen files with a photo on a 390-px phone; staff find, route; the liaison answers; the citizen reads and rates', async () => {
    const attention = await t.factories.user('attention', { name: 'José Hernández' });
    const departmentId = (await t.dataSource.query(`SELECT id FROM departments WHERE name = $1`, [departmentName]))[0].id;
    const liaison = await t.factories.user('liaison', { departmentId, name: 'Martha Santiago' });

    // The citizen, on a cheap phone.
    const phone = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
    const citizen = await phone.newPage();
    citizen.setDefaultTimeout(60_000);
    await citizen.goto(`${base}/solicitudes/nueva`);
    expect(await axeViolations(citizen)).toEqual([]);
    expect(await citizen.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await citizen.getByLabel('Tipo de solicitud').selectOption({ label: 'Queja' });
    await citizen.getByLabel('Tema').selectOption({ label: 'Limpieza y recolección de basura' });
    await citizen.getByLabel('Descripción').fill('Montón de basura en el camellón de la calle Juárez, frente a la primaria. Huele muy mal.');
    await citizen.getByLabel('Localidad', { exact: false }).fill('Tancuilín');
    await citizen.getByLabel('Calle y número').fill('Calle Juárez s/n');
    await citizen.getByLabel('Correo electrónico').fill('rosa.martinez@ejemplo.mx');
    await citizen.locator('#f-attachments').setInputFiles({ name: 'basura.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps() });
    await citizen.locator('#f-consent').check();
    await screenshot(citizen, 'cases-form-390');
    // With JavaScript on, the proof of work is solved in the page and the sum is hidden.
    await citizen.locator('[data-pow-fallback]').waitFor({ state: 'hidden' });
    await citizen.getByRole('button', { name: 'Enviar solicitud' }).click();
    await citizen.waitForURL(/\/solicitudes\/acuse\/AC-\d{4}-\d{6}$/);
    const folio = (await citizen.locator('.folio').textContent())!.trim();
    expect(await citizen.locator('.code').textContent()).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    expect(await citizen.textContent('main')).toContain(departmentName);
    expect(await axeViolations(citizen)).toEqual([]);
    await screenshot(citizen, 'cases-receipt-390');
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: 'Descargar acuse (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`acuse-${folio}.pdf`);
    expect(readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    // Attention staff find it by a word typed without its accent, and route it.
    const office = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    const staff = await office.newPage();
    staff.setDefaultTimeout(60_000);
    await browserLogin(staff, base, attention.email, attention.password);
    await staff.goto(`${base}/casos`);
    await staff.locator('#q').fill('camellon');
    await staff.getByRole('button', { name: 'Filtrar' }).click();
    await staff.getByRole('link', { name: folio }).waitFor();
    expect(await axeViolations(staff)).toEqual([]);
    await staff.getByRole('link', { name: folio }).click();
    await staff.waitForURL(`${base}/casos/${folio}`);
    expect(await axeViolations(staff)).toEqual([]);
    await staff.locator('summary', { hasText: 'Turnar a dependencia' }).click();
    await staff.locator('#route-departmentId').selectOption({ label: departmentName });
    await staff.getByRole('button', { name: 'Turnar', exact: true }).click();
    await staff.getByText('Solicitud turnada.').waitFor();
    await screenshot(staff, 'cases-case-page');
    // The other staff pages of the journey's people pass axe too.
    for (const path of ['/casos/nueva', '/estadisticas']) {
      await staff.goto(`${base}${path}`);
      expect([path, await axeViolations(staff)]).toEqual([path, []]);
    }

    // The department's liaison answers and resolves it.
    const deptContext = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    const enlace = await deptContext.newPage();
    enlace.setDefaultTimeout(60_000);
    await browserLogin(enlace, base, liaison.email, liaison.password);
    await enlace.goto(`${base}/casos`);
    await enlace.getByRole('link', { name: folio }).click();
    await enlace.locator('#reply-body').fill('El camión recolector pasará mañana a las 7:00 y se limpiará el camellón.');
    const [replied] = await Promise.all([
      enlace.waitForResponse((r) => r.url().endsWith('/responder') && r.request().method() === 'POST'),
      enlace.getByRole('button', { name: 'Enviar respuesta' }).click(),
    ]);
    expect(replied.status()).toBe(303);
    await enlace.getByText('Respuesta enviada al ciudadano.').waitFor();
    await enlace.locator('summary', { hasText: 'Resolver o devolver' }).click();
    await enlace.locator('#status-status').selectOption({ label: 'Resuelta' });
    await enlace.locator('#status-note').fill('Se retiró la basura del camellón.');
    const [changed] = await Promise.all([
      enlace.waitForResponse((r) => r.url().endsWith('/estado') && r.request().method() === 'POST'),
      enlace.getByRole('button', { name: 'Cambiar estado' }).click(),
    ]);
    expect(changed.status()).toBe(303);
    await enlace.getByText('Estado actualizado.').waitFor();

    await t.app.get(OutboxWorker).drain();
    const subjects = smtp.to('rosa.martinez@ejemplo.mx').map((m) => m.parsed.subject);
    expect(subjects).toEqual([`Acuse de recibo: solicitud ${folio}`, `Respuesta a su solicitud ${folio}`, `Su solicitud ${folio} fue resuelta`]);

    // The citizen reads the reply on the tracking page and rates the attention.
    await citizen.goto(`${base}/seguimiento/${folio}`);
    expect(await citizen.textContent('main')).toContain('El camión recolector pasará mañana a las 7:00');
    expect(await axeViolations(citizen)).toEqual([]);
    await citizen.getByLabel('5 · Excelente').check();
    await citizen.getByLabel('Comentario (opcional)').fill('¡Muy rápido, gracias!');
    await citizen.getByRole('button', { name: 'Enviar calificación' }).click();
    await citizen.getByText('Gracias por su calificación.').waitFor();
    await screenshot(citizen, 'cases-tracking-390');
    const [row] = await t.dataSource.query(`SELECT satisfaction_score, status FROM cases WHERE folio = $1`, [folio]);
    expect(row).toEqual({ satisfaction_score: 5, status: 'resolved' });
  });
});

import type { Browser } from 'playwright-core';
import { AgendaEvent } from '../../src/agenda/agenda-event.entity';
import { MailMessage } from '../../src/mailbox/mail-message.entity';
import { MailboxWorker } from '../../src/mailbox/mailbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { describeWithImap, rawMessage, TestImapServer } from '../support/imap';

describeWithImap('the official mailbox in a real browser', () => {
  const imap = new TestImapServer();
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await imap.start();
    t = await createTestApp({ ...imap.env(), IMAP_POLL_MS: '0' });
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await imap.stop();
    for (const k of [...Object.keys(imap.env()), 'IMAP_POLL_MS']) delete process.env[k];
  });

  it("a press officer opens /correo on a phone and turns a department's notice into an agenda proposal", async () => {
    const culture = await t.factories.department({ name: 'Dirección de Cultura' });
    const officer = await t.factories.user('press', { name: 'Laura Méndez' });
    await imap.append(
      rawMessage({
        from: 'Dirección de Cultura <cultura@tampacan.gob.mx>',
        subject: 'Aviso: Feria de la lectura en la plaza principal',
        text: 'Les informamos que el sábado se realizará la Feria de la lectura en la plaza principal, de 10:00 a 14:00. Asistirá la Presidenta Municipal.',
      }),
    );
    await imap.append(rawMessage({ from: 'Boletín <noticias@example.org>', subject: 'Boletín de la semana', html: '<p>Noticias <img src="https://rastreo.example/p.gif" alt="logo"></p>' }));
    expect(await t.app.get(MailboxWorker).fetchNow()).toMatchObject({ ok: true, fetched: 2 });

    const phone = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'es-MX' });
    const page = await phone.newPage();
    await browserLogin(page, base, officer.email, officer.password);
    await page.goto(`${base}/correo`);
    await page.getByRole('heading', { name: 'Correo oficial' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'mailbox-inbox-390');

    await page.getByRole('link', { name: 'Aviso: Feria de la lectura en la plaza principal' }).click();
    await page.getByRole('heading', { name: 'Aviso: Feria de la lectura en la plaza principal' }).waitFor();
    expect(await page.textContent('main')).toContain('cultura@tampacan.gob.mx');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByText('Convertir en propuesta para la agenda').click();
    await page.getByLabel('Dependencia que organiza').selectOption({ label: 'Dirección de Cultura' });
    await page.getByLabel('Fecha', { exact: true }).fill('2026-12-05');
    await page.getByLabel('Hora de inicio').fill('10:00');
    await page.getByLabel('Hora de término').fill('14:00');
    await page.getByLabel('Lugar').fill('Plaza principal de Tampacán');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'mailbox-to-agenda-390');
    await page.getByRole('button', { name: 'Crear la propuesta' }).click();
    await page.getByText('Se creó la propuesta para la agenda.').waitFor();
    expect(await page.textContent('main')).toContain('Atendido');
    expect(await axeViolations(page)).toEqual([]);

    const msg = (await t.dataSource.getRepository(MailMessage).findOneBy({ subject: 'Aviso: Feria de la lectura en la plaza principal' }))!;
    expect(msg).toMatchObject({ state: 'handled', assigneeId: officer.id });
    const event = (await t.dataSource.getRepository(AgendaEvent).findOneBy({ id: msg.agendaEventId! }))!;
    expect(event).toMatchObject({ title: 'Aviso: Feria de la lectura en la plaza principal', status: 'proposed', departmentId: culture.id, place: 'Plaza principal de Tampacán', proposedById: officer.id });
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'mail_message' AND entity_id = $1`, [String(msg.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['mailbox.to_agenda']);

    // The proposal waits for the press office on the agenda.
    await page.getByRole('link', { name: 'Ver la propuesta' }).click();
    await page.waitForURL(/\/agenda\/eventos\/\d+$/);
    expect(await page.textContent('main')).toContain('Feria de la lectura');

    // The HTML newsletter is shown without its tracking image, even in the browser.
    await page.goto(`${base}/correo`);
    await page.getByRole('link', { name: 'Boletín de la semana' }).click();
    expect(await page.locator('.mail-html .blocked-image').textContent()).toBe('[imagen remota bloqueada] logo');
    expect(await page.locator('.mail-html img').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await phone.close();
  });
});

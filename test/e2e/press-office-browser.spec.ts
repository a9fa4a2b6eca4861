import { Browser, Page } from 'playwright-core';
import Parser from 'rss-parser';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { FakeGraphApi } from '../support/graph-api';
import { agendaEvent, jpegWithExif } from '../support/media';
import { TestSmtpServer } from '../support/smtp';

// Waits are on the page's state, not on flash messages: a concurrent image request can take a flash first.
/**
 * The "done when", as a new user would do it on a phone: photos of an event uploaded
 * with a progress bar, a release drafted from the template with two of them, approved by a
 * director, sent to a list (emails at a real SMTP server on loopback), confirmed by one
 * journalist, published in the newsroom and its feed, and posted to the local Graph API.
 */
describe('press office journey in a real browser (390 px)', () => {
  const smtp = new TestSmtpServer();
  const graph = new FakeGraphApi('987654321');
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const problems: string[] = [];
  const axe = async (page: Page, name: string) => {
    problems.push(...(await axeViolations(page)).map((v) => `${name}: ${v.id} ${v.nodes.join(', ')}`));
    await screenshot(page, `press-${name}`);
  };

  beforeAll(async () => {
    await smtp.start();
    await graph.start();
    t = await createTestApp({ SMTP_URL: smtp.url, FACEBOOK_PAGE_ID: graph.pageId, FACEBOOK_PAGE_TOKEN: 'EAAjourneytoken123', FACEBOOK_GRAPH_URL: graph.url, OUTBOUND_ALLOW_HOSTS: new URL(graph.url).host });
    base = await listen(t);
    browser = await launchBrowser();
    const dir = t.app.get(MediaDirectoryService);
    const outlet = await dir.saveOutlet(null, { name: 'Radio Huasteca', type: 'radio', active: true } as never, SYSTEM_ACTOR);
    const a = await dir.saveContact(null, { name: 'Ana López', email: 'ana@radiohuasteca.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
    const b = await dir.saveContact(null, { name: 'Beto Ruiz', email: 'beto@radiohuasteca.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
    await dir.saveList(null, { name: 'Medios de la Huasteca', contactIds: [a.id, b.id] } as never, SYSTEM_ACTOR);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
    await graph.stop();
    for (const k of ['SMTP_URL', 'FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'FACEBOOK_GRAPH_URL', 'OUTBOUND_ALLOW_HOSTS']) delete process.env[k];
  });

  it('uploads, drafts, approves, sends, confirms, publishes and posts', async () => {
    const pressUser = await t.factories.user('press', { name: 'Carolina Jonguitud Meza' });
    const directorUser = await t.factories.user('director', { name: 'Mtra. Rosa Elena Téllez' });
    const eventId = await agendaEvent(t, 'Entrega de despensas del DIF en Tancuilín');
    const phone = { viewport: { width: 390, height: 844 }, locale: 'es-MX', isMobile: true, hasTouch: true };
    const ctx = await browser.newContext(phone);
    const page = await ctx.newPage();
    await browserLogin(page, base, pressUser.email, pressUser.password);

    // 1. Photos of event 7, from the phone, with the progress bar.
    await page.goto(`${base}/banco/subir?evento=${eventId}`);
    expect(await page.inputValue('#f-eventId')).toBe(String(eventId));
    await axe(page, 'upload');
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/banco/subir')) uploads.push(r.headers()['accept'] ?? '');
    });
    await page.setInputFiles('#f-files', [
      { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif({ color: '#7a1f3d' }) },
      { name: 'IMG_2042.jpg', mimeType: 'image/jpeg', buffer: await jpegWithExif({ color: '#1e5b4f' }) },
    ]);
    await page.getByLabel('Título').fill('Entrega de despensas en Tancuilín');
    await page.getByLabel('Etiquetas').fill('DIF, despensas');
    await page.getByRole('button', { name: 'Subir' }).click();
    await page.waitForSelector('#upload-progress:not([hidden])');
    expect(await page.isVisible('#upload-bar')).toBe(true);
    await page.waitForURL(/\/banco\?ids=\d+,\d+$/);
    expect(uploads).toEqual(['application/json', 'application/json']);
    expect(await page.getAttribute('#upload-bar', 'value').catch(() => null)).toBeNull(); // we are on the list now
    await page.waitForSelector('text=Entrega de despensas en Tancuilín (1/2)');
    await axe(page, 'bank-list');
    const photoIds = ((await t.dataSource.query(`SELECT id FROM media_assets WHERE event_id = $1 ORDER BY id`, [eventId])) as { id: number }[]).map((r) => r.id);
    expect(photoIds).toHaveLength(2);

    // 2. A release drafted from the template, with the two photos.
    await page.goto(`${base}/comunicados/nuevo?evento=${eventId}`);
    await page.fill('#f-title', 'DIF entrega 300 despensas en Tancuilín');
    await page.getByLabel('Subtítulo (balazo)').fill('Familias de la comunidad recibieron apoyo alimentario');
    await page.getByLabel('Cuerpo del comunicado').fill('El Sistema DIF Municipal entregó **300 despensas** a familias de Tancuilín.\n\nLa entrega continuará la próxima semana en otras comunidades.');
    await page.getByLabel('Citas textuales').fill('«Ninguna familia se quedará sin apoyo» — Mtra. Rosa Elena Téllez, Presidenta Municipal');
    await axe(page, 'release-form');
    await page.getByRole('button', { name: 'Crear borrador y elegir fotos' }).click();
    await page.waitForURL(/\/comunicados\/\d+\/medios$/);
    const releaseId = Number(/\/comunicados\/(\d+)\/medios/.exec(page.url())![1]);
    await axe(page, 'release-media');
    await page.check(`#pick-${photoIds[0]}`);
    await page.check(`#pick-${photoIds[1]}`);
    await page.fill(`#cap-${photoIds[0]}`, 'Familias de Tancuilín reciben sus despensas');
    await page.getByRole('button', { name: 'Guardar selección', exact: true }).click();
    await page.waitForURL(new RegExp(`/comunicados/${releaseId}$`));
    expect(await page.textContent('.release-doc')).toContain('Familias de Tancuilín reciben sus despensas');
    await page.getByRole('button', { name: 'Enviar a revisión' }).click();
    await page.waitForSelector('.badge.status-review');
    await axe(page, 'release-review');

    // 3. Approved by a director.
    const dctx = await browser.newContext(phone);
    const dpage = await dctx.newPage();
    await browserLogin(dpage, base, directorUser.email, directorUser.password);
    await dpage.goto(`${base}/comunicados/${releaseId}`);
    await dpage.getByRole('button', { name: 'Aprobar' }).click();
    await dpage.waitForSelector('.badge.status-approved');
    const year = new Date().getFullYear();
    expect(await dpage.textContent('.release-number')).toBe(`Boletín 001/${year}`);
    await axe(dpage, 'release-approved');
    await dctx.close();

    // 4. Sent to a list; the emails arrive with the photos linked; one journalist confirms.
    await page.goto(`${base}/comunicados/${releaseId}`);
    await page.getByRole('link', { name: 'Envío a medios' }).click();
    await page.getByLabel(/Medios de la Huasteca/).check();
    await axe(page, 'distribution');
    await page.getByRole('button', { name: 'Enviar comunicado' }).click();
    await page.waitForSelector('.badge.delivery-queued');
    await t.app.get(OutboxWorker).drain();
    const mail = smtp.to('ana@radiohuasteca.mx')[0];
    expect(mail.parsed.subject).toBe(`Boletín 001/${year}: DIF entrega 300 despensas en Tancuilín`);
    expect(mail.parsed.text).toMatch(/Tamaño web: http:\/\/localhost:3000\/sala-de-prensa\/\d+\/fotos\/\d+\/web\?k=/);
    expect(smtp.to('beto@radiohuasteca.mx')).toHaveLength(1);
    const confirmPath = /http:\/\/localhost:3000(\/recibido\/[\w-]{32})/.exec(mail.parsed.text!)![1];
    const jctx = await browser.newContext(phone);
    const jpage = await jctx.newPage();
    await jpage.goto(base + confirmPath);
    await axe(jpage, 'received');
    await jpage.getByRole('button', { name: 'Recibido' }).click();
    await jpage.waitForSelector('text=quedó confirmada la recepción');
    // The photo link of the email works for the journalist before the newsroom shows the release.
    const webLink = /Tamaño web: http:\/\/localhost:3000(\S+)/.exec(mail.parsed.text!)![1];
    expect((await jpage.request.get(base + webLink)).status()).toBe(200);
    await jctx.close();
    await page.reload();
    expect(await page.textContent('main')).toContain('Confirmó con el enlace «recibido»');
    await axe(page, 'distribution-board');

    // 5. Sending published it: in the newsroom, with its sharing tags, and in its feed (no separate "Publicar").
    await page.goto(`${base}/comunicados/${releaseId}`);
    await page.waitForSelector('.badge.status-published');
    expect(await page.getByRole('button', { name: 'Publicar en la sala de prensa' }).count()).toBe(0);
    const npage = await (await browser.newContext(phone)).newPage();
    await npage.goto(`${base}/sala-de-prensa`);
    await axe(npage, 'newsroom');
    await npage.getByRole('link', { name: 'DIF entrega 300 despensas en Tancuilín' }).click();
    await npage.waitForSelector('h1.release-title');
    expect(await npage.getAttribute('meta[property="og:image"]', 'content')).toMatch(/\/sala-de-prensa\/\d+\/fotos\/\d+\/web$/);
    expect(await npage.locator('.release-photos img').count()).toBe(2);
    await axe(npage, 'newsroom-release');
    const feed = await new Parser().parseString(await (await npage.request.get(`${base}/sala-de-prensa/feed.xml`)).text());
    expect(feed.items[0].title).toBe(`Boletín 001/${year}: DIF entrega 300 despensas en Tancuilín`);

    // 6. A post for it, published to the local Graph API.
    await page.goto(`${base}/comunicados/${releaseId}`);
    await page.getByRole('link', { name: 'Publicar en Facebook' }).click();
    await page.waitForURL(/\/redes\/nueva\?comunicado=\d+$/);
    expect(await page.inputValue('#f-text')).toContain('DIF entrega 300 despensas en Tancuilín');
    expect(await page.isChecked(`#ph-${photoIds[0]}`)).toBe(true);
    await axe(page, 'social-compose');
    await page.getByRole('button', { name: 'Publicar', exact: true }).click();
    await page.waitForURL(/\/redes\/\d+$/);
    await t.app.get(OutboxWorker).drain();
    expect(graph.requests.map((r) => r.edge)).toEqual(['photos', 'photos', 'feed']);
    expect(graph.requests[2].fields.message).toContain('DIF entrega 300 despensas en Tancuilín');
    expect(graph.requests[2].fields.link).toMatch(/\/sala-de-prensa\/\d+-dif-entrega-300-despensas-en-tancuilin$/);
    await page.reload();
    expect(await page.textContent('main')).toContain('Publicada');
    await axe(page, 'social-post');
    await page.goto(`${base}/redes/calendario`);
    await axe(page, 'social-calendar');
    await ctx.close();
    // The event's daily route was ticked along the way: redactar, enviar, confirmar envíos.
    const steps = (await t.dataSource.query(`SELECT step FROM agenda_route_steps WHERE event_id = $1 ORDER BY step`, [eventId])) as { step: string }[];
    expect(steps.map((s) => s.step)).toEqual(['confirm_delivery', 'draft_release', 'send_release']);

    expect(problems).toEqual([]);
  }, 240_000);
});

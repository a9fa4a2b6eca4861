import { Browser } from 'playwright-core';
import { DemoService } from '../../src/demo/demo.service';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { createTestApp, TestApp } from '../support/app';

describe('agreements, campaigns, transparency and blackout in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the mayor approves the proposed agreement, and the pages pass axe at 390 px', async () => {
    const problems: string[] = [];
    const check = async (page: import('playwright-core').Page, name: string) => {
      problems.push(...(await axeViolations(page)).map((v) => `${name}: ${v.id} ${v.nodes.join(', ')}`));
      await screenshot(page, `agreements-${name}-390`);
    };
    const [{ id: proposedId }] = await t.dataSource.query(`SELECT id FROM media_agreements WHERE status = 'proposed'`);

    // The press office cannot approve: the button is not there for it.
    const pressCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
    const press = await pressCtx.newPage();
    await browserLogin(press, base, 'prensa@tampacan.gob.mx', 'Boletin-045-2026');
    await press.goto(`${base}/convenios/${proposedId}`);
    expect(await press.getByRole('button', { name: 'Aprobar' }).count()).toBe(0);
    const [{ id: pieceId }] = await t.dataSource.query(`SELECT id FROM campaign_pieces ORDER BY id LIMIT 1`);
    const [{ id: campaignId }] = await t.dataSource.query(`SELECT id FROM campaigns ORDER BY id LIMIT 1`);
    const [{ id: concludedId }] = await t.dataSource.query(`SELECT id FROM media_agreements WHERE status = 'concluded'`);
    const [{ id: analysisId }] = await t.dataSource.query(`SELECT id FROM media_agreements WHERE status = 'analysis'`);
    for (const [path, name] of [
      ['/convenios', 'list'],
      [`/convenios/${concludedId}`, 'concluded'],
      [`/convenios/${analysisId}`, 'analysis'],
      ['/convenios/nuevo', 'new'],
      ['/convenios/presupuesto?anio=2026', 'budget'],
      ['/campanas?anio=2026', 'campaigns'],
      [`/campanas/${campaignId}`, 'campaign'],
      [`/campanas/piezas/${pieceId}`, 'piece'],
      ['/campanas/calendario?mes=2026-02', 'calendar'],
      ['/transparencia?anio=2026&trimestre=1', 'transparency'],
      ['/transparencia/columnas', 'columns'],
      ['/monitoreo?mes=2026-11', 'monitoring'],
      ['/monitoreo/nuevo', 'clipping-new'],
      ['/monitoreo/fuentes', 'feeds'],
      ['/monitoreo/candidatos', 'candidates'],
    ]) {
      const res = await press.goto(base + path);
      expect(res?.status()).toBe(200);
      await check(press, name);
    }
    // A form sent with an error, as a person sees it.
    await press.goto(`${base}/convenios/nuevo`);
    await press.getByLabel(/^RFC del proveedor/).fill('XYZ');
    await press.getByRole('button', { name: 'Guardar' }).click();
    await press.waitForSelector('#f-supplierRfc-error');
    expect(await press.textContent('#f-supplierRfc-error')).toContain('El RFC no es válido');
    await check(press, 'new-422');
    await pressCtx.close();

    // The mayor approves, by clicking.
    const mayorCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
    const mayor = await mayorCtx.newPage();
    await browserLogin(mayor, base, 'presidenta@tampacan.gob.mx', 'Cabildo-Firma-2026');
    await mayor.goto(`${base}/convenios`);
    await mayor.getByRole('link', { name: /Convenio \d+ \(sin número\)/ }).first().click();
    await mayor.waitForURL(/\/convenios\/\d+$/);
    if (!mayor.url().endsWith(`/convenios/${proposedId}`)) await mayor.goto(`${base}/convenios/${proposedId}`);
    await check(mayor, 'proposed-director');
    await mayor.getByLabel('Observaciones').fill('Procede: la campaña de lluvias es prioritaria.');
    await mayor.getByRole('button', { name: 'Aprobar' }).click();
    await mayor.waitForSelector('text=Aprobado por Mtra. Rosa Elena Téllez');
    expect(await mayor.textContent('main')).toContain('en acuerdo absoluto con la Presidenta Municipal');
    await check(mayor, 'approved');
    await mayorCtx.close();

    // The administrator's blackout page.
    const adminCtx = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
    const admin = await adminCtx.newPage();
    await browserLogin(admin, base, 'admin@tampacan.gob.mx', 'Plaza-Principal-2026');
    await admin.goto(`${base}/admin/veda`);
    expect(await admin.textContent('main')).toContain('Proceso Electoral Local 2026-2027');
    await check(admin, 'blackout');
    await admin.goto(`${base}/admin/veda/nuevo`);
    await check(admin, 'blackout-new');
    await adminCtx.close();

    expect((await t.dataSource.query(`SELECT status, decided_by_name FROM media_agreements WHERE id = $1`, [proposedId]))[0]).toEqual({ status: 'approved', decided_by_name: 'Mtra. Rosa Elena Téllez' });
    expect(problems).toEqual([]);
  }, 180_000); // sixteen pages through axe in a real browser, on a shared machine
});

import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

/** During an electoral blackout a release is not sent or published unless a legal exception is recorded. */
describe('electoral blackout on press releases', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let releaseId: number;
  let listId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await t.factories.user('admin');
    const adminAgent = t.agent();
    await login(adminAgent, admin.email, admin.password);
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Mexico_City' });
    const year = Number(today.slice(0, 4));
    const created = await submitForm(adminAgent, '/admin/veda/nuevo', '/admin/veda', { name: 'Proceso electoral local', kind: 'state', startsOn: `${year}-01-01`, endsOn: `${year}-12-31` });
    expect(created.status).toBe(303);

    const dir = t.app.get(MediaDirectoryService);
    const outlet = await dir.saveOutlet(null, { name: 'Huasteca Hoy', type: 'digital', active: true } as never, SYSTEM_ACTOR);
    const c = await dir.saveContact(null, { name: 'Rosa Cruz', email: 'rosa@huastecahoy.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
    listId = await dir.saveList(null, { name: 'Digitales', contactIds: [c.id] } as never, SYSTEM_ACTOR);
    const releases = t.app.get(PressReleasesService);
    const r = await releases.create({ title: 'Jornada de vacunación en Tampacán', place: 'Tampacán, S.L.P.', releaseDate: today, body: 'La Jurisdicción Sanitaria aplicará vacunas.' } as never, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'submit' }, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'approve' }, { userId: null, label: 'directora', ip: null, role: 'director' });
    releaseId = r.id;
    const p = await t.factories.user('press');
    press = t.agent();
    await login(press, p.email, p.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses sending with a clear message beside the field, and queues nothing', async () => {
    const res = await submitForm(press, `/comunicados/${releaseId}/envio`, `/comunicados/${releaseId}/envio`, { listIds: String(listId) });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-exception-error"[^>]*>Hay veda electoral vigente: no se pueden enviar comunicados/);
    expect(await t.dataSource.query(`SELECT 1 FROM outbox`)).toHaveLength(0);
    const [{ status }] = await t.dataSource.query(`SELECT status FROM press_releases WHERE id = $1`, [releaseId]);
    expect(status).toBe('approved');
  });

  it('asks the reason of an exception', async () => {
    const res = await submitForm(press, `/comunicados/${releaseId}/envio`, `/comunicados/${releaseId}/envio`, { listIds: String(listId), exception: 'health' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('necesita su motivo');
  });

  it('sends with a legal exception and its reason, recorded in the audit log', async () => {
    const res = await submitForm(press, `/comunicados/${releaseId}/envio`, `/comunicados/${releaseId}/envio`, { listIds: String(listId), exception: 'health', exceptionReason: 'Campaña de vacunación de la Secretaría de Salud' });
    expect(res.status).toBe(303);
    expect(await t.dataSource.query(`SELECT 1 FROM outbox`)).toHaveLength(1);
    const audit = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'blackout.exception' AND entity_type = 'press_release' AND entity_id = $1`, [String(releaseId)]);
    // Sending publishes in the newsroom too: the exception is recorded for both acts.
    expect(audit.map((a: { details: { act: string } }) => a.details.act).sort()).toEqual(['publish_newsroom', 'send_release']);
    expect(JSON.stringify(audit[0].details)).toContain('health');
  });

  it('refuses publishing in the newsroom without an exception, and publishes with one', async () => {
    const releases = t.app.get(PressReleasesService);
    const r = await releases.create({ title: 'Campaña de descacharrización', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Contra el dengue.' } as never, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'submit' }, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'approve' }, { userId: null, label: 'directora', ip: null, role: 'director' });
    const releaseId = r.id;
    const refused = await submitForm(press, `/comunicados/${releaseId}`, `/comunicados/${releaseId}/acciones`, { action: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('no se puede publicar en la sala de prensa');
    const page = await t.agent().get('/sala-de-prensa');
    expect(page.text).not.toContain('Campaña de descacharrización');
    const ok = await submitForm(press, `/comunicados/${releaseId}`, `/comunicados/${releaseId}/acciones`, { action: 'publish', exception: 'health', exceptionReason: 'Información de salud pública en veda' });
    expect(ok.status).toBe(303);
    const after = await t.agent().get('/sala-de-prensa');
    expect(after.text).toContain('Campaña de descacharrización');
  });
});

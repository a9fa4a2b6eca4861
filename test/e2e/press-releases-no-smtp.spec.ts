import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';
import { agendaEvent } from '../support/media';

/** Without SMTP_URL the release's emails wait in the outbox: the pages say so, and nothing is ticked as sent. */
describe('sending a release with no mail server configured', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let releaseId: number;
  let listId: number;
  let eventId: number;

  beforeAll(async () => {
    delete process.env.SMTP_URL;
    t = await createTestApp();
    eventId = await agendaEvent(t);
    const dir = t.app.get(MediaDirectoryService);
    const outlet = await dir.saveOutlet(null, { name: 'La Voz de Tampacán', type: 'print', active: true } as never, SYSTEM_ACTOR);
    const c = await dir.saveContact(null, { name: 'Laura Zúñiga', email: 'laura@lavoz.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
    listId = await dir.saveList(null, { name: 'Impresos', contactIds: [c.id] } as never, SYSTEM_ACTOR);
    const releases = t.app.get(PressReleasesService);
    const r = await releases.create({ title: 'Rehabilitan la red de agua de la colonia Centro', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Texto.', eventId } as never, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'submit' }, { userId: null, label: 'prensa', ip: null, role: 'press' });
    await releases.act(r.id, { action: 'approve' }, { userId: null, label: 'directora', ip: null, role: 'director' });
    releaseId = r.id;
    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says that the mail waits, on the flash and on the board, and leaves "enviar" unticked on the route', async () => {
    const res = await submitForm(press, `/comunicados/${releaseId}/envio`, `/comunicados/${releaseId}/envio`, { listIds: String(listId) });
    expect(res.status).toBe(303);
    expect((await t.dataSource.query(`SELECT status FROM outbox`)).map((r: { status: string }) => r.status)).toEqual(['held']);
    const board = await press.get(`/comunicados/${releaseId}/envio`);
    expect(board.text).toContain('no hay servidor de correo configurado');
    expect(board.text).not.toContain('Comunicado puesto en cola de envío.');
    expect(board.text).toContain("Correos en espera: 1.");
    expect(board.text).toContain('href="/correo/saliente"');
    const steps = await t.dataSource.query(`SELECT step FROM agenda_route_steps WHERE event_id = $1 ORDER BY step`, [eventId]);
    expect(steps.map((s: { step: string }) => s.step)).not.toContain('send_release');
  });
});

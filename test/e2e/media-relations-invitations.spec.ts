import { AgendaEventsService } from '../../src/agenda/agenda-events.service';
import { EventFormDto } from '../../src/agenda/dto/event.dto';
import { Actor } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';

describe('media invitations: template, sending through SMTP, personal RSVP links and the board', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let eventId: number;
  let otherEventId: number;
  let listId: number;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    const p = await t.factories.user('press');
    const actor: Actor = { userId: p.id, label: p.email, ip: null, role: 'press' };
    press = t.agent();
    await login(press, p.email, p.password);
    const dep = await t.factories.department({ name: 'DIF Municipal' });
    const dir = t.app.get(MediaDirectoryService);
    const radio = await dir.saveOutlet(null, { name: 'La Poderosa Huasteca', type: 'radio', active: true }, actor);
    const diario = await dir.saveOutlet(null, { name: 'Pulso Huasteca', type: 'print', active: true }, actor);
    const c = (name: string, email: string | undefined, outletId: number, doNotContact = false, phones?: string) =>
      dir.saveContact(null, { name, email, outletId, doNotContact, phones, preferredChannel: 'email', listIds: [] }, actor);
    const ana = await c('Ana Reportera', 'ana@lapoderosa.mx', radio.id);
    const beto = await c('Beto Editor', 'beto@pulso.mx', diario.id);
    const nadie = await c('Carla Vetada', 'carla@pulso.mx', diario.id, true);
    const sinCorreo = await c('Dario Sin Correo', undefined, radio.id, false, '482 111 2233');
    listId = await dir.saveList(null, { name: 'Medios Huasteca', contactIds: [ana.id, beto.id, nadie.id, sinCorreo.id] }, actor);
    const events = t.app.get(AgendaEventsService);
    const dto = (title: string) => Object.assign(new EventFormDto(), { title, departmentId: dep.id, kind: 'civic_event', startDate: '2030-05-10', startTime: '10:00', endTime: '12:00', place: 'Jardín principal', address: 'Plaza de Armas s/n', description: 'Entrega de apoyos del DIF.', isPublic: true, importance: 4, repeat: 'none', byWeekday: [], allDay: false, scope: 'this' });
    eventId = await events.create(dto('Entrega de sillas de ruedas'), actor);
    otherEventId = await events.create(dto('Otro evento'), actor);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('edits the template, previews it with the event filled in, and prints a PDF', async () => {
    let res = await submitForm(press, '/medios/invitaciones/plantilla', '/medios/invitaciones/plantilla', { subject: 'Invitación: {titulo}', body: 'Les esperamos en {lugr}.' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('un campo entre llaves que no existe');
    res = await submitForm(press, '/medios/invitaciones/plantilla', '/medios/invitaciones/plantilla', { subject: 'Invitación: {titulo}', body: 'A los medios:\nLes invitamos a «{titulo}», el {fecha} a las {hora}, en {lugar} ({domicilio}). Organiza: {dependencia}.' });
    expect(res.status).toBe(303);
    const page = await press.get(`/medios/invitaciones/evento/${eventId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Les invitamos a «Entrega de sillas de ruedas», el viernes, 10 de mayo de 2030 a las 10:00 h, en Jardín principal (Plaza de Armas s/n). Organiza: DIF Municipal.');
    const pdf = await press.get(`/medios/invitaciones/evento/${eventId}/pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses to send without recipients', async () => {
    const res = await submitForm(press, `/medios/invitaciones/evento/${eventId}`, `/medios/invitaciones/evento/${eventId}/enviar`, {});
    expect(res.status).toBe(422);
    expect(res.text).toContain('Elige al menos una lista o un contacto con correo');
  });

  let anaLink = '';
  it('sends each reachable contact of a list a personal link, through a real SMTP server', async () => {
    const res = await submitForm(press, `/medios/invitaciones/evento/${eventId}`, `/medios/invitaciones/evento/${eventId}/enviar`, { listIds: [String(listId)] });
    expect(res.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('ana@lapoderosa.mx')).toHaveLength(1);
    expect(smtp.to('beto@pulso.mx')).toHaveLength(1);
    expect(smtp.to('carla@pulso.mx')).toHaveLength(0); // "no contactar"
    const mail = smtp.to('ana@lapoderosa.mx')[0].parsed;
    expect(mail.subject).toBe('Invitación: Entrega de sillas de ruedas');
    anaLink = /http:\/\/[^\s]+\/invitacion\/\d+\/[A-Za-z0-9_-]+/.exec(mail.text!)![0];
    const betoLink = /http:\/\/[^\s]+\/invitacion\/\d+\/[A-Za-z0-9_-]+/.exec(smtp.to('beto@pulso.mx')[0].parsed.text!)![0];
    expect(anaLink).not.toBe(betoLink);
    expect(mail.attachments.some((a) => a.filename === 'evento.ics')).toBe(true);
    // "Invitar a medios" is ticked by the sending.
    expect((await t.dataSource.query(`SELECT source FROM agenda_route_steps WHERE event_id = $1 AND step = 'invite_media'`, [eventId]))[0].source).toBe('invitations');
    // Sending again to the same list invites nobody twice.
    const again = await submitForm(press, `/medios/invitaciones/evento/${eventId}`, `/medios/invitaciones/evento/${eventId}/enviar`, { listIds: [String(listId)] });
    expect(again.status).toBe(422);
    expect(again.text).toContain('ya fueron invitados');
  });

  it('lets a journalist confirm through the link, with no login, and the board shows it', async () => {
    const path = new URL(anaLink).pathname;
    const visitor = t.agent();
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Entrega de sillas de ruedas');
    let res = await visitor.post(path).type('form').send({ _csrf: csrfFrom(page.text), response: 'confirmed', attendees: '0' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Indique cuántas personas vendrán');
    res = await visitor.post(path).type('form').send({ _csrf: csrfFrom(page.text), response: 'confirmed', attendees: '3' });
    expect(res.status).toBe(303);
    expect((await visitor.get(res.headers.location)).text).toContain('Registramos su respuesta');
    const board = await press.get(`/medios/invitaciones/evento/${eventId}`);
    expect(board.text).toMatch(/<strong>2<\/strong> invitados/);
    expect(board.text).toMatch(/<strong>1<\/strong> confirmados \(3 personas\)/);
    expect(board.text).toMatch(/<strong>1<\/strong> sin respuesta/);
  });

  it('refuses an RSVP link for another invitation, or a made-up one, with a clear message', async () => {
    const token = new URL(anaLink).pathname.split('/')[3];
    // Invite to the other event, so that its invitation id exists.
    await submitForm(press, `/medios/invitaciones/evento/${otherEventId}`, `/medios/invitaciones/evento/${otherEventId}/enviar`, { listIds: [String(listId)] });
    const [{ id: otherInvitation }] = await t.dataSource.query(`SELECT id FROM media_invitations WHERE event_id = $1`, [otherEventId]);
    let res = await t.agent().get(`/invitacion/${otherInvitation}/${token}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('no corresponde a esta invitación');
    res = await t.agent().get(`/invitacion/${otherInvitation}/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(res.status).toBe(404);
  });

  it('records a phone answer, ticks "confirmar asistencia" once all answered, and marks who came', async () => {
    const [{ id: betoId }] = await t.dataSource.query(`SELECT r.id FROM invitation_recipients r JOIN media_invitations i ON i.id = r.invitation_id WHERE i.event_id = $1 AND r.email = 'beto@pulso.mx'`, [eventId]);
    let res = await submitForm(press, `/medios/invitaciones/evento/${eventId}`, `/medios/invitaciones/respuestas/${betoId}`, { response: 'declined', attendees: '0', via: 'phone', eventId: String(eventId) });
    expect(res.status).toBe(303);
    const step = await t.dataSource.query(`SELECT source FROM agenda_route_steps WHERE event_id = $1 AND step = 'confirm_attendance'`, [eventId]);
    expect(step).toHaveLength(1);
    const [{ id: anaId }] = await t.dataSource.query(`SELECT r.id FROM invitation_recipients r JOIN media_invitations i ON i.id = r.invitation_id WHERE i.event_id = $1 AND r.email = 'ana@lapoderosa.mx'`, [eventId]);
    res = await submitForm(press, `/medios/invitaciones/evento/${eventId}`, `/medios/invitaciones/asistencia/${anaId}`, { attended: '1' });
    expect(res.status).toBe(303);
    const board = await press.get(`/medios/invitaciones/evento/${eventId}`);
    expect(board.text).toMatch(/<strong>1<\/strong> no asistirán/);
    expect(board.text).toMatch(/<strong>1<\/strong> asistieron/);
    expect(board.text).toContain('Por teléfono');
    expect((await press.get('/medios/invitaciones')).text).toContain('Entrega de sillas de ruedas');
  });
});

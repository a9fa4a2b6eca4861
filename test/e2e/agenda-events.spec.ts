import * as ical from 'node-ical';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';

describe('agenda: events, proposals, ranking, route, coverage and calendar feeds', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let depId: number;
  let photographer: { id: number; email: string; password: string };
  const day = '2030-03-04'; // a Monday, far from the clock

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    depId = (await t.factories.department({ name: 'Obras Públicas' })).id;
    const p = await t.factories.user('press');
    photographer = await t.factories.user('press', { name: 'Fotógrafa Luz' });
    press = t.agent();
    await login(press, p.email, p.password);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  const event = (over: Record<string, string | string[]> = {}) => ({ title: 'Inauguración de la calle Hidalgo', departmentId: String(depId), kind: 'mayor_agenda', startDate: day, startTime: '10:00', endTime: '11:30', importance: '4', isPublic: 'on', place: 'Calle Hidalgo', repeat: 'none', ...over });
  const create = async (over: Record<string, string | string[]> = {}) => {
    const page = await press.get('/agenda/eventos/nuevo');
    return press.post('/agenda/eventos').type('form').send({ ...event(over), _csrf: csrfFrom(page.text) });
  };
  const count = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM agenda_events'))[0].n);

  it('refuses bad input with a clear message beside the field, saving nothing', async () => {
    let res = await create({ endTime: '09:00' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('El evento no puede terminar antes de empezar');
    res = await create({ departmentId: '99999' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Esa dependencia no existe');
    res = await create({ repeat: 'weekly' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Indica cuántas veces se repite o hasta qué día');
    expect(await count()).toBe(0);
  });

  it('creates events, ranks the day with up/down, and keeps the order', async () => {
    const a = await create({ title: 'Evento A', importance: '2', startTime: '09:00', endTime: '10:00' });
    expect(a.status).toBe(303);
    await create({ title: 'Evento B', importance: '5', startTime: '12:00', endTime: '13:00' });
    await create({ title: 'Evento C', importance: '3', startTime: '16:00', endTime: '17:00' });
    const order = async () => [...(await press.get(`/agenda?dia=${day}`)).text.matchAll(/class="rank-title"><a href="\/agenda\/eventos\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(await order()).toEqual(['Evento B', 'Evento C', 'Evento A']);
    const aId = Number(/\/agenda\/eventos\/(\d+)/.exec(a.headers.location)![1]);
    const page = await press.get(`/agenda?dia=${day}`);
    await press.post(`/agenda/eventos/${aId}/orden`).type('form').send({ _csrf: csrfFrom(page.text), direction: 'up' });
    expect(await order()).toEqual(['Evento B', 'Evento A', 'Evento C']);
    expect(await order()).toEqual(['Evento B', 'Evento A', 'Evento C']); // kept
  });

  it('creates a weekly series and edits one, the following, or all occurrences', async () => {
    const res = await create({ title: 'Audiencia pública', kind: 'public_hearing', repeat: 'weekly', byWeekday: ['0'], count: '4', startDate: '2030-04-01', startTime: '09:00', endTime: '10:00' });
    expect(res.status).toBe(303);
    const rows: { id: number; starts: string; title: string }[] = await t.dataSource.query(`SELECT id, to_char(starts_at AT TIME ZONE 'America/Mexico_City', 'YYYY-MM-DD HH24:MI') AS starts, title FROM agenda_events WHERE kind = 'public_hearing' ORDER BY starts_at`);
    expect(rows.map((r) => r.starts)).toEqual(['2030-04-01 09:00', '2030-04-08 09:00', '2030-04-15 09:00', '2030-04-22 09:00']);
    const edit = (id: number, fields: Record<string, string>) => submitForm(press, `/agenda/eventos/${id}/editar`, `/agenda/eventos/${id}`, { ...event({ title: 'Audiencia pública', kind: 'public_hearing', startTime: '09:00', endTime: '10:00' }), ...fields });
    // Only the second.
    expect((await edit(rows[1].id, { startDate: '2030-04-08', title: 'Audiencia pública (sede DIF)', scope: 'this', repeat: 'weekly', byWeekday: '0', count: '4' })).status).toBe(303);
    // The third and following: an hour later.
    expect((await edit(rows[2].id, { startDate: '2030-04-15', startTime: '10:00', endTime: '11:00', scope: 'following', repeat: 'weekly', byWeekday: '0', count: '4' })).status).toBe(303);
    let after: { starts: string; title: string }[] = await t.dataSource.query(`SELECT to_char(starts_at AT TIME ZONE 'America/Mexico_City', 'YYYY-MM-DD HH24:MI') AS starts, title FROM agenda_events WHERE kind = 'public_hearing' ORDER BY starts_at`);
    expect(after).toEqual([
      { starts: '2030-04-01 09:00', title: 'Audiencia pública' },
      { starts: '2030-04-08 09:00', title: 'Audiencia pública (sede DIF)' },
      { starts: '2030-04-15 10:00', title: 'Audiencia pública' },
      { starts: '2030-04-22 10:00', title: 'Audiencia pública' },
    ]);
    // All: renamed everywhere except the one edited on its own.
    expect((await edit(rows[3].id, { startDate: '2030-04-22', startTime: '10:00', endTime: '11:00', title: 'Audiencia pública ciudadana', scope: 'all', repeat: 'weekly', byWeekday: '0', count: '4' })).status).toBe(303);
    after = await t.dataSource.query(`SELECT to_char(starts_at AT TIME ZONE 'America/Mexico_City', 'YYYY-MM-DD HH24:MI') AS starts, title FROM agenda_events WHERE kind = 'public_hearing' ORDER BY starts_at`);
    expect(after.map((r) => r.title)).toEqual(['Audiencia pública ciudadana', 'Audiencia pública (sede DIF)', 'Audiencia pública ciudadana', 'Audiencia pública ciudadana']);
    expect(after[0].starts).toBe('2030-04-01 10:00');
  });

  it('takes a liaison proposal, which the press office returns and then accepts', async () => {
    const liaison = await t.factories.user('liaison', { departmentId: depId });
    const la = t.agent();
    await login(la, liaison.email, liaison.password);
    expect((await la.get('/agenda')).headers.location).toBe('/agenda/propuestas');
    const page = await la.get('/agenda/eventos/nuevo');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const res = await la.post(`/agenda/eventos`).field('_csrf', csrfFrom(page.text))
      .field('title', 'Bacheo en la colonia Centro').field('departmentId', String(depId)).field('kind', 'department_activity')
      .field('startDate', day).field('startTime', '08:00').field('endTime', '09:00').field('importance', '3').field('isPublic', 'on').field('repeat', 'none')
      .attach('photos', png, 'bacheo.png');
    expect(res.status).toBe(303);
    const id = Number(/(\d+)$/.exec(res.headers.location)![1]);
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM agenda_event_attachments WHERE event_id = $1', [id]))[0].n).toBe(1);
    // Not on the day until accepted.
    expect((await press.get(`/agenda?dia=${day}`)).text).not.toContain('Bacheo en la colonia Centro');
    let r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/devolver`, { reason: '' });
    expect(r.status).toBe(422);
    expect(r.text).toContain('Escribe el motivo');
    r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/devolver`, { reason: 'Falta el domicilio exacto' });
    expect(r.status).toBe(303);
    expect((await la.get('/agenda/propuestas')).text).toContain('Falta el domicilio exacto');
    r = await submitForm(la, `/agenda/eventos/${id}/editar`, `/agenda/eventos/${id}`, { title: 'Bacheo en la colonia Centro', departmentId: String(depId), kind: 'department_activity', startDate: day, startTime: '08:00', endTime: '09:00', importance: '3', isPublic: 'on', address: 'Calle Juárez 12', repeat: 'none' });
    expect(r.status).toBe(303);
    r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/aceptar`, {});
    expect(r.status).toBe(303);
    const dayPage = await press.get(`/agenda?dia=${day}`);
    expect(dayPage.text).toContain('Bacheo en la colonia Centro');
    const detail = await press.get(`/agenda/eventos/${id}`);
    expect(detail.text).toContain('Devuelto a la dependencia');
    expect(detail.text).toContain('Aceptado en la agenda');
  });

  it('assigns coverage with an .ics by email, warns of overlaps, re-sends when the event moves, and ticks the route', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM agenda_events WHERE title = 'Evento B'`);
    const [{ id: other }] = await t.dataSource.query(`SELECT id FROM agenda_events WHERE title = 'Evento A'`);
    let r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/coberturas`, { type: 'photo', assigneeId: String(photographer.id), callTime: '11:30', note: 'Llevar teleobjetivo' });
    expect(r.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    const [mail] = smtp.to(photographer.email);
    expect(mail.parsed.subject).toBe('Asignación: Fotografía — Evento B');
    const ics = mail.parsed.attachments.find((a) => a.filename === 'evento.ics')!;
    const parsed = Object.values(ical.sync.parseICS(ics.content.toString('utf8'))).find((c) => c?.type === 'VEVENT') as ical.VEvent;
    expect(parsed.summary).toBe('Evento B');
    expect((parsed.start as unknown as Date).toISOString()).toBe('2030-03-04T18:00:00.000Z');

    // Same person, overlapping event (Evento A is 09–10, so move it onto Evento B first).
    r = await submitForm(press, `/agenda/eventos/${other}`, `/agenda/eventos/${other}/posponer`, { newDate: day, newTime: '12:30', reason: 'Se empalma con la gira' });
    expect(r.status).toBe(303);
    r = await submitForm(press, `/agenda/eventos/${other}`, `/agenda/eventos/${other}/coberturas`, { type: 'video', assigneeId: String(photographer.id) });
    expect(r.status).toBe(303);
    expect((await press.get(`/agenda/eventos/${other}`)).text).toContain('ya tiene otra cobertura a la misma hora');

    // Evento B moves: the photographer gets an updated .ics.
    r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/posponer`, { newDate: '2030-03-05', newTime: '12:00', reason: 'Lluvia' });
    expect(r.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    const moved = smtp.to(photographer.email).find((m) => m.parsed.subject === 'Cambio de horario: Evento B');
    expect(moved).toBeTruthy();
    const history = (await press.get(`/agenda/eventos/${id}`)).text;
    expect(history).toContain('Pospuesto');
    expect(history).toContain('Lluvia');

    // The route, by hand.
    r = await submitForm(press, `/agenda/eventos/${id}`, `/agenda/eventos/${id}/ruta`, { step: 'cover', done: '1' });
    expect(r.status).toBe(303);
    expect((await press.get(`/agenda/eventos/${id}`)).text).toMatch(/Cubrir \(foto, video, audio\)<\/span>\s*<span class="route-state">Hecho por/);

    // Mis asignaciones, as the photographer.
    const ph = t.agent();
    await login(ph, photographer.email, photographer.password);
    const mine = await ph.get('/agenda/mis-asignaciones');
    expect(mine.text).toContain('Evento B');
    const [{ id: covId }] = await t.dataSource.query(`SELECT id FROM agenda_coverages WHERE event_id = $1`, [id]);
    r = await submitForm(ph, '/agenda/mis-asignaciones', `/agenda/coberturas/${covId}/estado`, { status: 'accepted', back: 'mine' });
    expect(r.status).toBe(303);
    expect((await t.dataSource.query(`SELECT status FROM agenda_coverages WHERE id = $1`, [covId]))[0].status).toBe('accepted');
  });

  it('serves a private iCalendar feed a phone can subscribe to, and revokes it', async () => {
    const res = await submitForm(press, '/agenda/calendario', '/agenda/calendario/token', {});
    const url = /value="(http[^"]+\/agenda\.ics)"/.exec(res.text)![1];
    const path = new URL(url).pathname;
    // The feed covers two months back and a year ahead: stand in March 2030.
    const shift = Date.parse('2030-03-01T12:00:00Z') - t.clock.now().getTime();
    t.clock.travel(shift);
    const feed = await t.agent().get(path);
    t.clock.travel(-shift);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const events = Object.values(ical.sync.parseICS(feed.text)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[];
    expect(events.map((e) => e.summary)).toEqual(expect.arrayContaining(['Evento A', 'Evento C', 'Bacheo en la colonia Centro']));
    await submitForm(press, '/agenda/calendario', '/agenda/calendario/revocar', {});
    expect((await t.agent().get(path)).status).toBe(404);
  });

  it('imports an .ics file, and refuses a malformed one with a clear error', async () => {
    const page = await press.get('/agenda/importar');
    const up = (text: string, dep = String(depId)) =>
      press.post(`/agenda/importar`).field('_csrf', csrfFrom(page.text)).field('departmentId', dep).field('kind', 'civic_event').attach('file', Buffer.from(text), 'agenda.ics');
    const before = await count();
    let res = await up('esto no es un calendario');
    expect(res.status).toBe(422);
    expect(res.text).toContain('no es un calendario iCalendar');
    res = await up('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a@x\r\nSUMMARY:Bien\r\nDTSTART:20300310T150000Z\r\nDTEND:20300310T160000Z\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b@x\r\nSUMMARY:Mal\r\nDTSTART:mañana\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n');
    expect(res.status).toBe(422);
    expect(res.text).toContain('un evento no tiene una fecha de inicio o de término válida');
    expect(await count()).toBe(before);
    const good = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:desfile@tampacan\r\nSUMMARY:Desfile cívico\r\nLOCATION:Plaza principal\r\nDTSTART:20300916T150000Z\r\nDTEND:20300916T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    res = await up(good, '4242');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Esa dependencia no existe');
    res = await up(good);
    expect(res.status).toBe(303);
    expect(await count()).toBe(before + 1);
    res = await up(good);
    expect(await count()).toBe(before + 1); // same UID: skipped
  });

  it('renders the week, month and list views', async () => {
    for (const path of [`/agenda/semana?desde=${day}`, '/agenda/mes?mes=2030-03', `/agenda/lista?desde=${day}&hasta=2030-03-10&importancia=4`, '/agenda/propuestas', '/agenda/mis-asignaciones']) {
      const res = await press.get(path);
      expect(res.status).toBe(200);
    }
    expect((await press.get('/agenda/mes?mes=2030-03')).text).toContain('Evento C');
  });

  it('keeps a manual day order, and a more important event added later goes above the less important ones', async () => {
    const { AgendaEventsService } = await import('../../src/agenda/agenda-events.service');
    const events = t.app.get(AgendaEventsService);
    const other = '2030-05-06';
    const mk = async (title: string, importance: string, startTime: string) => {
      const res = await create({ title, importance, startDate: other, startTime, endTime: '23:00' });
      expect(res.status).toBe(303);
      return (await t.dataSource.query(`SELECT id FROM agenda_events WHERE title = $1`, [title]))[0].id as number;
    };
    const a = await mk('Reunión con comerciantes', '3', '09:00');
    const b = await mk('Entrega de despensas', '2', '10:00');
    await mk('Visita a la escuela', '1', '11:00');
    // The office puts the handout first by hand.
    const actor = { userId: null, label: 'prensa', ip: null, role: 'press' };
    await events.move(b, 'up', actor);
    expect((await events.day(other)).map((r) => r.title)).toEqual(['Entrega de despensas', 'Reunión con comerciantes', 'Visita a la escuela']);
    expect(a).toBeGreaterThan(0);
    // Then the governor's visit is added in the afternoon, the most important of the day.
    await mk('Visita del Gobernador', '5', '17:00');
    await mk('Rueda de prensa', '2', '18:00');
    expect((await events.day(other)).map((r) => r.title)).toEqual(['Visita del Gobernador', 'Entrega de despensas', 'Reunión con comerciantes', 'Rueda de prensa', 'Visita a la escuela']);
  });
});

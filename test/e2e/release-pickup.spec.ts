import { AgendaEventsService } from '../../src/agenda/agenda-events.service';
import { EventFormDto } from '../../src/agenda/dto/event.dto';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

/** Pickup per release: outlets it was sent to ÷ outlets that published it, and the day-after check ticks the route. */
describe('media pickup of a release', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let releaseId: number;
  let eventId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const dep = await t.factories.department({ name: 'Obras Públicas' });
    const events = t.app.get(AgendaEventsService);
    eventId = await events.create(Object.assign(new EventFormDto(), { title: 'Inauguración del pozo de agua', departmentId: dep.id, kind: 'mayor_agenda', startDate: events.today(), startTime: '09:00', endTime: '10:00', isPublic: true, importance: 5, repeat: 'none', byWeekday: [], allDay: false, scope: 'this' }), SYSTEM_ACTOR);
    const dir = t.app.get(MediaDirectoryService);
    const outlets: Record<string, number> = {};
    for (const name of ['El Sol de la Huasteca', 'Radio Tampacán', 'Huasteca Hoy']) {
      const o = await dir.saveOutlet(null, { name, type: 'digital', active: true } as never, SYSTEM_ACTOR);
      outlets[name] = o.id;
    }
    const contacts: number[] = [];
    for (const [i, name] of Object.keys(outlets).entries()) {
      const c = await dir.saveContact(null, { name: `Periodista ${i}`, email: `p${i}@medio.mx`, phones: `482 100 00${i}0`, outletId: outlets[name], preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
      contacts.push(c.id);
    }
    const releases = t.app.get(PressReleasesService);
    const r = await releases.create({ title: 'Inauguran pozo de agua en Tampacán', place: 'Tampacán, S.L.P.', releaseDate: events.today(), body: 'Texto.', eventId } as never, { userId: null, label: 'prensa', ip: null, role: 'press' });
    releaseId = r.id;
    // Delivered to the three outlets (the distribution itself is tested with a real SMTP server elsewhere).
    for (const [i, contactId] of contacts.entries()) {
      await t.dataSource.query(`INSERT INTO release_deliveries (release_id, contact_id, name, email, status, token_hash) VALUES ($1, $2, $3, $4, 'sent', md5($5))`, [releaseId, contactId, `Periodista ${i}`, `p${i}@medio.mx`, `tok${i}-${releaseId}`]);
    }
    const p = await t.factories.user('press');
    press = t.agent();
    await login(press, p.email, p.password);
    // One outlet published it: a clipping linked to the release.
    const clip = await submitForm(press, '/monitoreo/nuevo', '/monitoreo', { outletId: String(outlets['Radio Tampacán']), medium: 'radio', publishedAt: '2026-11-26T07:30', headline: 'Pozo de agua en Tampacán', tone: 'positive', releaseId: String(releaseId) });
    expect(clip.status).toBe(303);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the pickup and who to call', async () => {
    const res = await press.get(`/monitoreo/comunicados/${releaseId}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Lo publicaron 1 de 3 medios a los que se envió (33 %)');
    const missing = res.text.slice(res.text.indexOf('No lo han publicado'), res.text.indexOf('Lo publicaron</h2>'));
    expect(missing).toContain('El Sol de la Huasteca');
    expect(missing).toContain('Huasteca Hoy');
    expect(missing).toContain('482 100 0000');
    expect(missing).not.toContain('Radio Tampacán');
  });

  it('logs the day-after check, ticking "monitorear publicación" on the event route', async () => {
    const res = await submitForm(press, `/monitoreo/comunicados/${releaseId}`, `/monitoreo/comunicados/${releaseId}/revisado`, {});
    expect(res.status).toBe(303);
    const steps = await t.dataSource.query(`SELECT step FROM agenda_route_steps WHERE event_id = $1 AND step = 'monitor'`, [eventId]);
    expect(steps).toHaveLength(1);
    const page = await press.get(`/monitoreo/comunicados/${releaseId}`);
    expect(page.text).toContain('Última revisión');
  });

  it('counts a clipping whose delivery is still queued, an outlet that picked the story up elsewhere, and a feed clipping linked to the release', async () => {
    const dir = t.app.get(MediaDirectoryService);
    const queuedOutlet = await dir.saveOutlet(null, { name: 'Noticias del Valle', type: 'digital', active: true } as never, SYSTEM_ACTOR);
    const c = await dir.saveContact(null, { name: 'Periodista en cola', email: 'cola@valle.mx', outletId: queuedOutlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] } as never, SYSTEM_ACTOR);
    await t.dataSource.query(`INSERT INTO release_deliveries (release_id, contact_id, name, email, status, token_hash) VALUES ($1, $2, 'Periodista en cola', 'cola@valle.mx', 'queued', $3)`, [releaseId, c.id, `tokq-${releaseId}`]);
    let clip = await submitForm(press, '/monitoreo/nuevo', '/monitoreo', { outletId: String(queuedOutlet.id), medium: 'digital', publishedAt: '2026-11-26T08:00', headline: 'El Valle: pozo de agua', tone: 'neutral', releaseId: String(releaseId) });
    expect(clip.status).toBe(303);
    // Never sent to this outlet: it picked the story up from the newsroom or another outlet.
    const elsewhere = await dir.saveOutlet(null, { name: 'Canal 7 Huasteca', type: 'tv', active: true } as never, SYSTEM_ACTOR);
    clip = await submitForm(press, '/monitoreo/nuevo', '/monitoreo', { outletId: String(elsewhere.id), medium: 'tv', publishedAt: '2026-11-26T21:00', headline: 'Canal 7: nuevo pozo', tone: 'positive', releaseId: String(releaseId) });
    expect(clip.status).toBe(303);
    let res = await press.get(`/monitoreo/comunicados/${releaseId}`);
    expect(res.text).toContain('Lo publicaron 2 de 4 medios a los que se envió (50 %)');
    const also = res.text.slice(res.text.indexOf('También lo publicaron'));
    expect(also).toContain('Canal 7 Huasteca');

    // A clipping accepted from a feed is linked to the release when accepted…
    const huastecaHoy = (await t.dataSource.query(`SELECT id FROM media_outlets WHERE name = 'Huasteca Hoy'`))[0].id;
    const [feed] = await t.dataSource.query(`INSERT INTO monitoring_feeds (url, name, outlet_id) VALUES ('https://huastecahoy.mx/feed', 'Huasteca Hoy', $1) RETURNING id`, [huastecaHoy]);
    const [cand] = await t.dataSource.query(`INSERT INTO clipping_candidates (feed_id, item_key, title, link, matched) VALUES ($1, 'k1', 'Huasteca Hoy: inauguran pozo', 'https://huastecahoy.mx/pozo', '{pozo}') RETURNING id`, [feed.id]);
    const page = await press.get('/monitoreo/candidatos');
    expect(page.text).toContain(`name="releaseId"`);
    const accepted = await submitForm(press, '/monitoreo/candidatos', `/monitoreo/candidatos/${cand.id}/aceptar`, { tone: 'positive', releaseId: String(releaseId) });
    expect(accepted.status).toBe(303);
    res = await press.get(`/monitoreo/comunicados/${releaseId}`);
    expect(res.text).toContain('Lo publicaron 3 de 4 medios a los que se envió (75 %)');
    // …or afterwards, from the clipping's page.
    const [cand2] = await t.dataSource.query(`INSERT INTO clipping_candidates (feed_id, item_key, title, link, matched) VALUES ($1, 'k2', 'Huasteca Hoy: segunda nota', 'https://huastecahoy.mx/pozo-2', '{pozo}') RETURNING id`, [feed.id]);
    expect((await submitForm(press, '/monitoreo/candidatos', `/monitoreo/candidatos/${cand2.id}/aceptar`, { tone: 'neutral' })).status).toBe(303);
    const [clip2] = await t.dataSource.query(`SELECT id, release_id FROM clippings WHERE candidate_id = $1`, [cand2.id]);
    expect(clip2.release_id).toBeNull();
    const linked = await submitForm(press, `/monitoreo/testigos/${clip2.id}`, `/monitoreo/testigos/${clip2.id}/comunicado`, { releaseId: String(releaseId) });
    expect(linked.status).toBe(303);
    expect((await t.dataSource.query(`SELECT release_id FROM clippings WHERE id = $1`, [clip2.id]))[0].release_id).toBe(releaseId);
    const bad = await submitForm(press, `/monitoreo/testigos/${clip2.id}`, `/monitoreo/testigos/${clip2.id}/comunicado`, { releaseId: '999999' });
    expect(bad.status).toBe(422);
  });
});

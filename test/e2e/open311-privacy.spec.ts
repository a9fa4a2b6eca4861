import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CasesService } from '../../src/cases/cases.service';
import { PersonalDataService } from '../../src/cases/personal-data.service';
import { ApiKeysService } from '../../src/open311/api-keys.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

/**
 * Audit H2 (Open311 published every case to anyone), M3 (any key wrote into any case) and
 * issue 16 item 21 (a malformed point answered the whole list; end_date lost its second).
 * Each test does what the auditor did, as an anonymous client or another key.
 */
describe('Open311 publishes only what the privacy notice says', () => {
  let t: TestApp;
  let cases: CasesService;
  let keyA: string;
  let keyB: string;
  let keyBId: number;
  const ids: Record<string, number> = {};
  const folios: Record<string, string> = {};
  const BASE = '/open311/v2';
  const SECRET = 'Mi vecino Juan Pérez, el de la casa azul con portón negro, tira basura; llámeme al 482 555 0199 o a doña.lupe@ejemplo.mx';

  beforeAll(async () => {
    t = await createTestApp();
    cases = t.app.get(CasesService);
    ids.public = (await seedCategory(t, { name: 'Recolección de basura', published: true })).category.id;
    ids.private = (await seedCategory(t, { name: 'Tránsito y vialidad' })).category.id;
    ids.sensitive = (await seedCategory(t, { name: 'Seguridad pública', sensitive: true })).category.id;
    const keys = t.app.get(ApiKeysService);
    keyA = (await keys.create({ clientName: 'FixMyStreet', rateLimitPerMinute: 500 }, SYSTEM_ACTOR)).plain;
    const b = await keys.create({ clientName: 'Otra aplicación', rateLimitPerMinute: 500 }, SYSTEM_ACTOR);
    keyB = b.plain;
    keyBId = b.key.id;
    const web = (category: string, extra: Record<string, unknown> = {}) =>
      cases.file({ type: 'complaint', categoryId: ids[category], description: SECRET, locality: 'Tancuilín', street: 'Calle Hidalgo 123 int. 4', latitude: 21.401234, longitude: -98.743456, contactName: 'Guadalupe Ruiz', contactPhone: '482 555 0199', consent: true, channel: 'web', privacyVersion: '2026-01', ...extra }, [], cases.citizenActor('127.0.0.1'));
    folios.public = (await web('public')).folio;
    folios.private = (await web('private')).folio;
    folios.sensitive = (await web('sensitive')).folio;
    // FixMyStreet files one in a category that is not public: only FixMyStreet reads it back.
    const filed = await t.agent().post(`${BASE}/requests.json`).type('form').send({ api_key: keyA, service_code: String(ids.private), address_string: 'Calle Juárez 45, Tancuilín', description: 'Auto abandonado frente a mi casa, número 45.', first_name: 'Rosa' });
    expect(filed.status).toBe(200);
    folios.fms = filed.body[0].service_request_id;
  });
  afterAll(async () => t?.close());

  const get = (path: string) => t.agent().get(`${BASE}/${path}`);

  it('an anonymous client sees only requests of public categories, as published: no words, name, house or exact point of the person', async () => {
    const list = await get('requests.json').expect(200);
    expect(list.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([folios.public]);
    expect(list.body[0]).toMatchObject({ description: 'Recolección de basura', address: 'Calle Hidalgo, Tancuilín', lat: 21.401, long: -98.743, status_notes: null, media_url: null, address_id: null });
    const everything = JSON.stringify(list.body) + (await get('requests.xml')).text + JSON.stringify((await get('servicerequestupdates.json')).body);
    for (const leak of ['Juan Pérez', 'casa azul', '482 555 0199', 'lupe', 'Guadalupe', '123', 'int. 4', '21.401234', '-98.743456', folios.private, folios.sensitive, folios.fms]) expect([leak, everything.includes(leak)]).toEqual([leak, false]);
    // By folio, a request that is not public does not exist.
    for (const f of [folios.private, folios.sensitive, folios.fms]) {
      expect((await get(`requests/${f}.json`)).status).toBe(404);
      expect((await get(`requests.json?service_request_id=${f}`)).body).toEqual([]);
      expect((await get(`servicerequestupdates.json?service_request_id=${f}`)).body).toEqual([]);
    }
  });

  it('the key that filed a request reads it back with its status; another key does not see it', async () => {
    const mine = await get(`requests/${folios.fms}.json?api_key=${encodeURIComponent(keyA)}`).expect(200);
    expect(mine.body[0]).toMatchObject({ service_request_id: folios.fms, status: 'open', description: 'Auto abandonado frente a mi casa, número 45.' });
    expect((await get(`requests.json?api_key=${encodeURIComponent(keyA)}`)).body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([folios.public, folios.fms].sort());
    expect((await get(`requests/${folios.fms}.json?api_key=${encodeURIComponent(keyB)}`)).status).toBe(404);
    expect((await get(`requests/${folios.private}.json?api_key=${encodeURIComponent(keyA)}`)).status).toBe(404);
  });

  it('staff approve the public text, redacted once when saved; a sensitive category cannot be published', async () => {
    const staff = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, staff.email, staff.password);
    const page = await agent.get(`/casos/${folios.public}`);
    expect(page.text).toContain('Publicación en Open311');
    const version = /name="version" value="(\d+)"/.exec(page.text)![1];
    const res = await agent.post(`/casos/${folios.public}/texto-publico`).type('form').send({ _csrf: csrfFrom(page.text), version, publicText: 'Basura acumulada en la esquina; informes al 482 555 0199 o a doña.lupe@ejemplo.mx' });
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT public_text FROM cases WHERE folio = $1`, [folios.public]);
    expect(row.public_text).toBe('Basura acumulada en la esquina; informes al [teléfono omitido] o a [correo omitido]');
    expect((await get(`requests/${folios.public}.json`)).body[0].description).toBe(row.public_text);

    const admin = await t.factories.user('admin');
    const a = t.agent();
    await login(a, admin.email, admin.password);
    const form = await submitForm(a, `/admin/categorias/${ids.sensitive}`, `/admin/categorias/${ids.sensitive}`, { name: 'Seguridad pública', deadlineDays: '5', active: 'on', sensitive: 'on', published: 'on' });
    expect(form.status).toBe(422);
    expect(form.text).toMatch(/id="f-published-error">Una categoría sensible no se puede publicar/);
    await expect(t.dataSource.query(`UPDATE categories SET published = true WHERE id = $1`, [ids.sensitive])).rejects.toThrow(/chk_categories_sensitive_unpublished/);
    expect((await get('requests.json')).body).toHaveLength(1);
  });

  it('a key adds updates only to the requests it filed, unless an administrator lets it update any', async () => {
    const post = (key: string, folio: string) => t.agent().post(`${BASE}/servicerequestupdates.json`).type('form').send({ api_key: key, service_request_id: folio, status: 'OPEN', description: 'Información del ciudadano' });
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'citizen_info'`))[0].n;
    for (const folio of [folios.fms, folios.public, folios.sensitive]) {
      const res = await post(keyB, folio);
      expect([folio, res.status]).toEqual([folio, 403]);
      expect(res.body[0]).toEqual({ code: 403, description: 'This api_key may only add updates to the requests it filed.' });
    }
    expect((await post(keyA, folios.public)).status).toBe(403);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE kind = 'citizen_info'`))[0].n).toBe(before);
    expect((await post(keyA, folios.fms)).status).toBe(200);

    const admin = await t.factories.user('admin');
    const a = t.agent();
    await login(a, admin.email, admin.password);
    expect((await submitForm(a, `/admin/api/${keyBId}`, `/admin/api/${keyBId}/permisos`, { mayUpdateAny: 'on' })).status).toBe(303);
    expect((await post(keyB, folios.public)).status).toBe(200);
  });

  it('a malformed point is a 400, and end_date takes in its whole second', async () => {
    for (const q of ['lat=abc&long=1', 'lat=1', 'lat=91&long=1', 'lat=21.4&long=-98.7x']) {
      const res = await get(`requests.json?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
      expect(res.body[0].code).toBe(400);
    }
    expect((await get('requests.json?lat=21.4&long=-98.7')).status).toBe(200);
    await t.dataSource.query(`UPDATE cases SET created_at = '2026-11-20T16:30:15.600Z' WHERE folio = $1`, [folios.public]);
    const within = await get('requests.json?start_date=2026-11-20T16:00:00Z&end_date=2026-11-20T16:30:15Z').expect(200);
    expect(within.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([folios.public]);
    expect((await get('requests.json?start_date=2026-11-20T16:00:00Z&end_date=2026-11-20T16:30:14Z')).body).toEqual([]);
    expect((await get('requests.json?start_date=2026-11-20T16:00:00Z&end_date=2026-11-20T10:30-06:00')).body).toHaveLength(1);
  });

  it('anonymising the person takes back the public text staff approved (the category name stays)', async () => {
    expect((await t.dataSource.query(`SELECT public_text FROM cases WHERE folio = $1`, [folios.public]))[0].public_text).not.toBeNull();
    await t.app.get(PersonalDataService).anonymize({ email: null, phone: '4825550199' }, SYSTEM_ACTOR);
    expect((await t.dataSource.query(`SELECT public_text FROM cases WHERE folio = $1`, [folios.public]))[0].public_text).toBeNull();
    expect((await get(`requests/${folios.public}.json`)).body[0].description).toBe('Recolección de basura');
  });

  it('the privacy notice says what Open311 publishes', async () => {
    const page = await t.agent().get('/aviso-de-privacidad').expect(200);
    expect(page.text).toContain('Qué se publica (Open311)');
    expect(page.text).toContain('la calle sin número y el lugar redondeado a unos 100 metros');
  });
});

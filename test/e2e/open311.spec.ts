import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CaseActor } from '../../src/cases/case-actor';
import { CaseWorkService } from '../../src/cases/case-work.service';
import { CategoryQuestionsService } from '../../src/departments/category-questions.service';
import { ApiKeysService } from '../../src/open311/api-keys.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

/*
 * Every JSON answer is checked against the official GeoReport v2 JSON Schemas
 * (/work/shared/open311, open311/schema-validation) with ajv. ajv is not a dependency of
 * Cabildo: ajv@6 is present as a transitive dependency and `require('ajv')` resolves it.
 * The POST and token answers have no schema file of their own; they are checked against the
 * same repository's swagger.json definitions (RequestResponse, TokenResponse). Discovery,
 * errors and mySociety's updates have no official schema: small schemas written here check them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Ajv = require('ajv');
const SCHEMAS = process.env.OPEN311_SCHEMAS ?? '/work/shared/open311';
const load = (name: string) => JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8'));

const ajv = new Ajv({ allErrors: true, logger: false });
ajv.addFormat('uid', () => true);
ajv.addFormat('uint', () => true);
ajv.addSchema(load('request.json'), 'request.json');
ajv.addSchema(load('service.json'), 'service.json');
const swagger = load('swagger.json');
const validators = {
  services: ajv.compile(load('services.json')),
  definition: ajv.compile(load('service-definition.json')),
  requests: ajv.compile(load('requests.json')),
  created: ajv.compile({ type: 'array', minItems: 1, items: { ...swagger.definitions.RequestResponse, required: ['service_request_id'] } }),
  token: ajv.compile({ type: 'array', minItems: 1, items: { ...swagger.definitions.TokenResponse, required: ['service_request_id', 'token'] } }),
  errors: ajv.compile({ type: 'array', minItems: 1, items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } } } }),
  discovery: ajv.compile({ type: 'object', required: ['changeset', 'contact', 'key_service', 'endpoints'], properties: { endpoints: { type: 'array', minItems: 1, items: { type: 'object', required: ['specification', 'url', 'type', 'formats'] } } } }),
  updates: ajv.compile({
    type: 'array',
    items: {
      type: 'object',
      required: ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description'],
      properties: {
        update_id: { type: 'string' }, service_request_id: { type: 'string' }, updated_datetime: { type: 'string', format: 'date-time' }, description: { type: 'string' },
        status: { enum: ['OPEN', 'CLOSED', 'FIXED', 'IN_PROGRESS', 'ACTION_SCHEDULED', 'INVESTIGATING', 'DUPLICATE', 'NOT_COUNCILS_RESPONSIBILITY', 'NO_FURTHER_ACTION', 'INTERNAL_REFERRAL', 'REOPEN'] },
      },
    },
  }),
  updateCreated: ajv.compile({ type: 'array', minItems: 1, items: { type: 'object', required: ['update_id'], properties: { update_id: { type: 'string' } } } }),
};
type Validator = keyof typeof validators;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function valid(kind: Validator, body: unknown): any {
  const ok = validators[kind](body);
  if (!ok) throw new Error(`${kind} does not match its schema: ${ajv.errorsText(validators[kind].errors)}\n${JSON.stringify(body).slice(0, 800)}`);
  return body;
}

/** A small well-formedness check (no XML parser is installed): one root, tags balanced, only the five entities. */
function wellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
  const body = xml.slice(xml.indexOf('\n') + 1).trim();
  const stack: string[] = [];
  let roots = 0;
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w.-]*)(\/?)>|&(?!(amp|lt|gt|quot|apos);)|<(?![/A-Za-z_])/g)) {
    if (!m[2]) throw new Error(`Bad markup near ${body.slice(m.index!, m.index! + 20)}`);
    if (m[3]) {
      if (!stack.length) roots++;
      continue;
    }
    if (m[1]) {
      expect(stack.pop()).toBe(m[2]);
    } else {
      if (!stack.length) roots++;
      stack.push(m[2]);
    }
  }
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let code: string;
  let otherCode: string;
  let departmentName: string;
  let apiKey: string;
  const BASE = '/open311/v2';

  beforeAll(async () => {
    t = await createTestApp();
    const { category, department } = await seedCategory(t, { name: 'Bacheo y pavimentación', departmentName: 'Obras Públicas', published: true });
    code = String(category.id);
    departmentName = department.name;
    otherCode = String((await seedCategory(t, { name: 'Alumbrado público' })).category.id);
    const questions = t.app.get(CategoryQuestionsService);
    await questions.create(category.id, { question: 'Tamaño del bache', code: 'tamano', kind: 'single', required: true, position: 1, options: 'chico | Pequeño\ngrande | Grande', active: true }, SYSTEM_ACTOR);
    await questions.create(category.id, { question: 'Riesgos cercanos', code: 'riesgos', kind: 'multiple', required: false, position: 2, options: 'agua | Se llena de agua\nescuela | Cerca de una escuela', active: true }, SYSTEM_ACTOR);
    await questions.create(category.id, { question: '¿Cuántos baches?', code: 'cuantos', kind: 'number', required: false, position: 3, helpText: 'Cuente los de la misma cuadra.', active: true }, SYSTEM_ACTOR);
    apiKey = (await t.app.get(ApiKeysService).create({ clientName: 'FixMyStreet Huasteca', rateLimitPerMinute: 500 }, SYSTEM_ACTOR)).plain;
  });
  afterAll(async () => t?.close());

  const post = (path: string, fields: Record<string, string | string[]>) => t.agent().post(`${BASE}/${path}`).type('form').send(fields);
  const report = (extra: Record<string, string | string[]> = {}) => ({
    api_key: apiKey, service_code: code, lat: '21.4010', long: '-98.7431', 'attribute[tamano]': 'grande',
    description: 'Bache profundo en la calle Hidalgo, frente a la primaria.', email: 'vecina.open311@ejemplo.mx', first_name: 'Rosa', last_name: 'Vite', phone: '482 111 2233', ...extra,
  });

  it('the schema checks can fail (the official schemas are really applied)', () => {
    expect(validators.requests([{ service_request_id: 'AC-2026-000001', status: 'pending', service_code: '1', requested_datetime: '2026-01-01T00:00:00-06:00' }])).toBe(false);
    expect(validators.requests([{ service_request_id: 1, status: 'open', service_code: '1', requested_datetime: '2026-01-01T00:00:00-06:00' }])).toBe(false);
    expect(validators.requests([{ service_request_id: 'AC-2026-000001', status: 'open', service_code: '1', requested_datetime: 'ayer' }])).toBe(false);
    expect(validators.services([{ service_code: '1', service_name: 'x', metadata: 'yes', type: 'realtime' }])).toBe(false);
    expect(validators.definition({ service_code: '1', attributes: [{ variable: true, code: 'a', datatype: 'choice', required: true }] })).toBe(false);
  });

  it('discovery, services and a service definition, in JSON and XML, match the schemas', async () => {
    const d = await t.agent().get(`${BASE}/discovery.json`);
    expect(d.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(valid('discovery', d.body).endpoints[0].formats).toEqual(['text/xml', 'application/json']);
    const dx = await t.agent().get(`${BASE}/discovery.xml`);
    expect(dx.headers['content-type']).toBe('text/xml; charset=utf-8');
    wellFormed(dx.text);
    expect(dx.text).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');

    const s = await t.agent().get(`${BASE}/services.json`);
    const services = valid('services', s.body) as { service_code: string; metadata: boolean; group: string; type: string }[];
    expect(services.find((x) => x.service_code === code)).toMatchObject({ metadata: true, group: departmentName, type: 'realtime' });
    expect(services.find((x) => x.service_code === otherCode)).toMatchObject({ metadata: false });
    const sx = await t.agent().get(`${BASE}/services.xml`);
    wellFormed(sx.text);
    expect(sx.text).toContain(`<service><service_code>${code}</service_code><service_name>Bacheo y pavimentación</service_name>`);

    const def = await t.agent().get(`${BASE}/services/${code}.json`);
    const attrs = valid('definition', def.body).attributes as { code: string; datatype: string; required: boolean; order: number; values: unknown[] }[];
    expect(attrs.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([['tamano', 'singlevaluelist', true, 1], ['riesgos', 'multivaluelist', false, 2], ['cuantos', 'number', false, 3]]);
    expect(attrs[0].values).toEqual([{ key: 'chico', name: 'Pequeño' }, { key: 'grande', name: 'Grande' }]);
    const defx = await t.agent().get(`${BASE}/services/${code}.xml`);
    wellFormed(defx.text);
    expect(defx.text).toContain('<attribute><variable>true</variable><code>tamano</code><datatype>singlevaluelist</datatype><required>true</required>');
    expect(defx.text).toContain('<values><value><key>chico</key><name>Pequeño</name></value>');
  });

  it('files a request (form-urlencoded) in JSON: the case gets channel api, the answers, the key’s client, and shows in the staff inbox', async () => {
    const res = await post('requests.json', report({ 'attribute[riesgos][]': ['escuela', 'agua'], 'attribute[cuantos]': '2', account_id: 'fms-77' }));
    expect(res.status).toBe(200);
    const [created] = valid('created', res.body) as { service_request_id: string; token: string; service_notice: string; account_id: string }[];
    expect(created.service_request_id).toMatch(/^AC-\d{4}-\d{6}$/);
    expect(created.service_notice).toContain('días hábiles');
    expect(created.account_id).toBe('fms-77');
    const [c] = await t.dataSource.query(`SELECT id, channel, answers, contact_email, contact_name, latitude, status FROM cases WHERE folio = $1`, [created.service_request_id]);
    expect(c).toMatchObject({ channel: 'api', contact_email: 'vecina.open311@ejemplo.mx', contact_name: 'Rosa Vite', latitude: 21.401, status: 'received' });
    expect(c.answers.map((a: { code: string; value: unknown }) => [a.code, a.value])).toEqual([['tamano', 'grande'], ['riesgos', ['agua', 'escuela']], ['cuantos', '2']]);
    const [filed] = await t.dataSource.query(`SELECT actor_label FROM case_events WHERE case_id = $1 AND kind = 'filed'`, [c.id]);
    expect(filed.actor_label).toBe('FixMyStreet Huasteca (Open311)');

    const tok = await t.agent().get(`${BASE}/tokens/${created.token}.json`);
    expect(valid('token', tok.body)[0]).toEqual({ service_request_id: created.service_request_id, token: created.token });
    const tokx = await t.agent().get(`${BASE}/tokens/${created.token}.xml`);
    wellFormed(tokx.text);
    expect(tokx.text).toContain(`<service_request_id>${created.service_request_id}</service_request_id>`);

    const staff = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, staff.email, staff.password);
    const inbox = await agent.get('/casos');
    expect(inbox.text).toContain(created.service_request_id);
    const page = await agent.get(`/casos/${created.service_request_id}`);
    expect(page.text).toContain('API (Open311)');
    expect(page.text).toContain('FixMyStreet Huasteca (Open311)');
    expect(page.text).toContain('Cerca de una escuela');
  });

  it('files in XML too, and reads a request back in both formats (a list of one), without personal data', async () => {
    const res = await post('requests.xml', report({ lat: '', long: '', address_string: 'Calle Morelos 5, Tancuilín', address_id: 'PRED-0042', media_url: 'https://fms.example.org/photo/1.jpeg' }));
    expect(res.status).toBe(200);
    wellFormed(res.text);
    const folio = /<service_request_id>(AC-\d{4}-\d{6})<\/service_request_id>/.exec(res.text)![1];
    expect(res.text).toMatch(/<token>[a-f0-9]{32}<\/token>/);
    const [c] = await t.dataSource.query(`SELECT locality, street, latitude FROM cases WHERE folio = $1`, [folio]);
    expect(c).toEqual({ locality: 'Tancuilín', street: 'Calle Morelos 5, Tancuilín', latitude: null });

    // The key that filed it reads back what it sent; anyone else, the public version (a public category).
    const mine = valid('requests', (await t.agent().get(`${BASE}/requests/${folio}.json?api_key=${apiKey}`)).body)[0] as Record<string, unknown>;
    expect(mine).toMatchObject({ service_request_id: folio, status: 'open', address: 'Calle Morelos 5, Tancuilín, Tancuilín', address_id: 'PRED-0042', media_url: 'https://fms.example.org/photo/1.jpeg', description: 'Bache profundo en la calle Hidalgo, frente a la primaria.' });
    const one = await t.agent().get(`${BASE}/requests/${folio}.json`);
    const [r] = valid('requests', one.body) as Record<string, unknown>[];
    expect(r).toMatchObject({ service_request_id: folio, status: 'open', service_code: code, service_name: 'Bacheo y pavimentación', description: 'Bacheo y pavimentación', agency_responsible: departmentName, address: 'Calle Morelos, Tancuilín, Tancuilín', address_id: null, media_url: null, lat: null, zipcode: null });
    expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-06:00$/);
    expect(r.expected_datetime).toMatch(/T23:59:59-06:00$/);
    expect(Object.keys(r)).toEqual(['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url']);
    const all = JSON.stringify((await t.agent().get(`${BASE}/requests.json`)).body);
    for (const secret of ['vecina.open311@ejemplo.mx', 'Rosa', 'Vite', '482 111 2233', 'fms-77', 'frente a la primaria', 'Morelos 5', '-98.7431']) expect(all).not.toContain(secret);

    const x = await t.agent().get(`${BASE}/requests/${folio}.xml`);
    wellFormed(x.text);
    expect(x.text).toContain(`<service_requests><request><service_request_id>${folio}</service_request_id><status>open</status><status_notes/>`);
    expect(x.text).toContain('<zipcode/>');
  });

  describe('errors, exactly as the specification says', () => {
    const errorsOf = (res: { status: number; body: unknown }, status: number) => {
      expect(res.status).toBe(status);
      const list = valid('errors', res.body) as { code: number; description: string }[];
      for (const e of list) expect(e.code).toBe(status);
      return list.map((e) => e.description);
    };

    it('no api_key and a bad api_key: 403, in JSON and XML', async () => {
      const { api_key: _omit, ...noKey } = report();
      expect(errorsOf(await post('requests.json', noKey), 403)[0]).toContain('api_key');
      expect(errorsOf(await post('requests.json', { ...noKey, api_key: '' }), 403)[0]).toContain('api_key');
      expect(errorsOf(await post('requests.json', report({ api_key: 'c311_0123456789ab_notthesecretatallreally' })), 403)[0]).toContain('Invalid api_key');
      const x = await post('requests.xml', report({ api_key: 'nonsense' }));
      expect(x.status).toBe(403);
      wellFormed(x.text);
      expect(x.text).toMatch(/<errors><error><code>403<\/code><description>Invalid api_key[^<]*<\/description><\/error><\/errors>/);
      expect(x.text).not.toContain('<html');
    });

    it('an unknown service: 404 (POST and definition), in JSON and XML', async () => {
      expect(errorsOf(await post('requests.json', report({ service_code: '99999' })), 404)[0]).toContain('service_code');
      expect(errorsOf(await t.agent().get(`${BASE}/services/99999.json`), 404)[0]).toContain('service_code');
      const x = await t.agent().get(`${BASE}/services/99999.xml`);
      expect(x.status).toBe(404);
      expect(x.text).toContain('<errors><error><code>404</code>');
    });

    it('a missing required attribute, a value outside its list, and no location: 400 with every error listed', async () => {
      const { 'attribute[tamano]': _omit, ...rest } = report({ lat: '', long: '' });
      const list = errorsOf(await post('requests.json', { ...rest, 'attribute[riesgos][]': ['agua', 'lava'], 'attribute[cuantos]': 'muchos' }), 400);
      expect(list).toEqual([
        'A location is required: lat and long, address_string or address_id',
        'attribute[tamano] is required',
        'attribute[riesgos] is not one of the values of this attribute',
        'attribute[cuantos] must be a number',
      ]);
      expect(errorsOf(await post('requests.json', report({ 'attribute[tamano]': 'enorme' })), 400)).toEqual(['attribute[tamano] is not one of the values of this attribute']);
      const x = await post('requests.xml', report({ 'attribute[tamano]': 'enorme', lat: '95' }));
      expect(x.status).toBe(400);
      expect((x.text.match(/<error>/g) ?? []).length).toBe(2);
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n;
      expect(before).toBe(2);
    });

    it('an empty optional multi-value list is accepted', async () => {
      const res = await post('requests.json', report({ 'attribute[riesgos][]': '' }));
      expect(res.status).toBe(200);
      const [c] = await t.dataSource.query(`SELECT answers FROM cases WHERE folio = $1`, [res.body[0].service_request_id]);
      expect(c.answers.map((a: { code: string }) => a.code)).toEqual(['tamano']);
    });

    it('a 91-day span is refused (90 is fine), and bad dates and statuses are named', async () => {
      expect(errorsOf(await t.agent().get(`${BASE}/requests.json?start_date=2026-01-01T00:00:00-06:00&end_date=2026-04-02T00:00:00-06:00`), 400)).toEqual(['start_date and end_date may be at most 90 days apart']);
      expect((await t.agent().get(`${BASE}/requests.json?start_date=2026-01-01T00:00:00-06:00&end_date=2026-04-01T00:00:00-06:00`)).status).toBe(200);
      expect(errorsOf(await t.agent().get(`${BASE}/requests.json?start_date=ayer&status=pending`), 400)).toHaveLength(2);
      const x = await t.agent().get(`${BASE}/requests.xml?start_date=2026-01-01&end_date=2026-06-01`);
      expect(x.status).toBe(400);
      wellFormed(x.text);
    });

    it('an unknown request id, token or jurisdiction: 404', async () => {
      expect(errorsOf(await t.agent().get(`${BASE}/requests/AC-1999-000001.json`), 404)[0]).toContain('AC-1999-000001');
      expect(errorsOf(await t.agent().get(`${BASE}/requests/nada.json`), 404)).toHaveLength(1);
      expect(errorsOf(await t.agent().get(`${BASE}/tokens/${'0'.repeat(32)}.json`), 404)[0]).toContain('token');
      const x = await t.agent().get(`${BASE}/tokens/abc.xml`);
      expect(x.status).toBe(404);
      expect(x.text).toContain('<errors><error><code>404</code><description>token not found: abc</description></error></errors>');
      expect(errorsOf(await t.agent().get(`${BASE}/services.json?jurisdiction_id=otra.gob.mx`), 404)[0]).toContain('jurisdiction_id');
      expect((await t.agent().get(`${BASE}/services.json?jurisdiction_id=`)).status).toBe(200);
    });
  });

  it('lists requests by every filter: ids override, service_code, status, dates, page_size and page', async () => {
    const list = async (q: string) => valid('requests', (await t.agent().get(`${BASE}/requests.json${q}`).expect(200)).body) as { service_request_id: string; status: string; service_code: string }[];
    const all = await list('');
    expect(all).toHaveLength(3);
    const ids = all.map((r) => r.service_request_id);
    expect((await list(`?service_request_id=${ids[2]},${ids[0]}&service_code=${otherCode}&status=closed`)).map((r) => r.service_request_id).sort()).toEqual([ids[0], ids[2]].sort());
    expect(await list(`?service_code=${otherCode}`)).toHaveLength(0);
    expect(await list(`?service_code=${code},${otherCode}&status=open`)).toHaveLength(3);
    expect(await list('?status=closed')).toHaveLength(0);
    expect(await list('?service_code=&status=&start_date=&end_date=')).toHaveLength(3);
    const first = await list('?page_size=2');
    const second = await list('?page_size=2&page=2');
    expect(first.map((r) => r.service_request_id).concat(second.map((r) => r.service_request_id))).toEqual(ids);
    expect(await list('?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).toHaveLength(0);
  });

  it('a public reply and the resolution come back through requests and servicerequestupdates; a client’s update and REOPEN go in', async () => {
    const [c] = await t.dataSource.query(`SELECT id, folio, version FROM cases ORDER BY id LIMIT 1`);
    const staff = await t.factories.user('attention', { name: 'Lic. Pedro Olvera' });
    const by: CaseActor = { audit: { userId: staff.id, label: staff.email, ip: null }, userId: staff.id, name: staff.name, role: 'attention', departmentId: null };
    const work = t.app.get(CaseWorkService);
    await work.reply(c.id, c.version, 'La cuadrilla de bacheo irá el jueves. Dudas al 482 365 0110.', by);
    // The town hall's answer goes back to the client that filed the request, never to the public.
    const r1 = valid('requests', (await t.agent().get(`${BASE}/requests/${c.folio}.json?api_key=${apiKey}`)).body)[0] as { status_notes: string; status: string };
    expect(r1).toMatchObject({ status: 'open', status_notes: 'La cuadrilla de bacheo irá el jueves. Dudas al 482 365 0110.' });
    expect(valid('requests', (await t.agent().get(`${BASE}/requests/${c.folio}.json`)).body)[0]).toMatchObject({ status: 'open', status_notes: null });
    const [{ version }] = await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [c.id]);
    await work.changeStatus(c.id, version, { status: 'in_review' }, by);
    const [{ version: v2 }] = await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [c.id]);
    await work.changeStatus(c.id, v2, { status: 'resolved', note: 'Se rellenó el bache con concreto.' }, by);
    const r2 = valid('requests', (await t.agent().get(`${BASE}/requests/${c.folio}.json?extensions=true&api_key=${apiKey}`)).body)[0] as { status: string; status_notes: string; expected_datetime: null; extended_attributes: { status: string; history: { status: string; description: string }[] } };
    expect(r2).toMatchObject({ status: 'closed', status_notes: 'Se rellenó el bache con concreto.', expected_datetime: null });
    expect(r2.extended_attributes.status).toBe('FIXED');
    expect(r2.extended_attributes.history.map((h) => h.status)).toEqual(['OPEN', 'INVESTIGATING', 'FIXED']);
    const hx = await t.agent().get(`${BASE}/requests/${c.folio}.xml?extensions=true`);
    wellFormed(hx.text);
    expect(hx.text).toContain('<extended_attributes><status>FIXED</status><history><update><update_id>');

    const updates = valid('updates', (await t.agent().get(`${BASE}/servicerequestupdates.json?service_request_id=${c.folio}&api_key=${apiKey}`)).body) as { status: string; description: string; service_request_id: string }[];
    expect(updates.map((u) => [u.status, u.description])).toEqual([
      ['OPEN', 'La cuadrilla de bacheo irá el jueves. Dudas al 482 365 0110.'],
      ['INVESTIGATING', ''],
      ['FIXED', 'Se rellenó el bache con concreto.'],
    ]);
    // The public sees the statuses, not the words addressed to the person.
    const publicUpdates = valid('updates', (await t.agent().get(`${BASE}/servicerequestupdates.json?service_request_id=${c.folio}`)).body) as { status: string; description: string }[];
    expect(publicUpdates.map((u) => [u.status, u.description])).toEqual([['OPEN', ''], ['INVESTIGATING', ''], ['FIXED', '']]);
    expect(valid('updates', (await t.agent().get(`${BASE}/servicerequestupdates.json`)).body)).toHaveLength(3);
    const ux = await t.agent().get(`${BASE}/servicerequestupdates.xml?page_size=1&page=3`);
    wellFormed(ux.text);
    expect(ux.text).toMatch(/^<\?xml[^>]*>\n<service_request_updates><request_update><update_id>\d+<\/update_id><service_request_id>AC-\d{4}-\d{6}<\/service_request_id><status>FIXED<\/status>/);

    // A client's comment, then a REOPEN: the case is reopened by the citizen's rules.
    const noKey = await post('servicerequestupdates.json', { service_request_id: c.folio, description: 'Sigue igual.' });
    expect(noKey.status).toBe(403);
    const missing = await post('servicerequestupdates.json', { api_key: apiKey, service_request_id: 'AC-1999-000009', description: 'x' });
    expect(missing.status).toBe(404);
    const reopen = await post('servicerequestupdates.json', { api_key: apiKey, service_request_id: c.folio, status: 'REOPEN', description: 'El bache volvió a abrirse con la lluvia.', update_id: 'fms-991' });
    expect(reopen.status).toBe(200);
    valid('updateCreated', reopen.body);
    expect((await t.dataSource.query(`SELECT status FROM cases WHERE id = $1`, [c.id]))[0].status).toBe('reopened');
    const comment = await post('servicerequestupdates.xml', { api_key: apiKey, service_request_id: c.folio, status: 'FIXED', description: 'Ya lo taparon, gracias.' });
    expect(comment.status).toBe(200);
    wellFormed(comment.text);
    const eventId = /<update_id>(\d+)<\/update_id>/.exec(comment.text)![1];
    const [ev] = await t.dataSource.query(`SELECT kind, public, body, data, actor_label FROM case_events WHERE id = $1`, [eventId]);
    expect(ev).toMatchObject({ kind: 'citizen_info', public: true, body: 'Ya lo taparon, gracias.', actor_label: 'FixMyStreet Huasteca (Open311)' });
    expect(ev.data.reportedStatus).toBe('FIXED');
    expect((await t.dataSource.query(`SELECT status FROM cases WHERE id = $1`, [c.id]))[0].status).toBe('reopened');
    expect((await t.agent().get(`${BASE}/servicerequestupdates.json?service_request_id=${c.folio}`)).body.at(-1).status).toBe('REOPEN');
    expect((await post('servicerequestupdates.json', { api_key: apiKey, service_request_id: c.folio, status: 'MAYBE', description: 'x' })).status).toBe(400);
  });

  it('each key is rate-limited and every use is logged with its answer', async () => {
    const { key, plain } = await t.app.get(ApiKeysService).create({ clientName: 'App de prueba', rateLimitPerMinute: 2 }, SYSTEM_ACTOR);
    expect((await t.agent().get(`${BASE}/services.json?api_key=${plain}`)).status).toBe(200);
    expect((await t.agent().get(`${BASE}/services/99999.json?api_key=${plain}`)).status).toBe(404);
    const limited = await t.agent().get(`${BASE}/services.xml?api_key=${plain}`);
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('<errors><error><code>429</code>');
    await new Promise((r) => setTimeout(r, 200)); // the status is written when the answer has left
    const uses = await t.dataSource.query(`SELECT method, path, status FROM api_key_uses WHERE api_key_id = $1 ORDER BY id`, [key.id]);
    expect(uses).toEqual([
      { method: 'GET', path: '/open311/v2/services.json', status: 200 },
      { method: 'GET', path: '/open311/v2/services/99999.json', status: 404 },
      { method: 'GET', path: '/open311/v2/services.xml', status: 429 },
    ]);
  });

  it('administrators issue a key (shown once, stored hashed), see its uses and revoke it; the API then refuses it', async () => {
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const bad = await submitForm(agent, '/admin/api', '/admin/api', { clientName: '', rateLimitPerMinute: '0' });
    expect(bad.status).toBe(422);
    const res = await submitForm(agent, '/admin/api', '/admin/api', { clientName: 'App Tampacán Limpio', contactEmail: 'dev@ejemplo.mx', rateLimitPerMinute: '30' });
    expect(res.status).toBe(303);
    const page = await agent.get(res.headers.location);
    const plain = /data-api-key>(c311_[^<]+)</.exec(page.text)![1];
    expect((await agent.get(res.headers.location)).text).not.toContain(plain);
    const [row] = await t.dataSource.query(`SELECT id, key_hash FROM api_keys WHERE client_name = 'App Tampacán Limpio'`);
    expect(row.key_hash).toMatch(/^[a-f0-9]{64}$/);
    expect(JSON.stringify(await t.dataSource.query(`SELECT * FROM api_keys`))).not.toContain(plain);
    expect((await post('requests.json', report({ api_key: plain }))).status).toBe(200);
    expect((await agent.get(`/admin/api/${row.id}`)).text).toContain('/open311/v2/requests.json');
    const revoke = await submitForm(agent, `/admin/api/${row.id}`, `/admin/api/${row.id}/revocar`, {});
    expect(revoke.status).toBe(303);
    expect((await post('requests.json', report({ api_key: plain }))).status).toBe(403);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'api_key' AND entity_id = $1 ORDER BY id`, [String(row.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['api_key.create', 'api_key.revoke']);
    expect((await agent.get('/admin/api')).text).toContain('App Tampacán Limpio');
  });

  it('is described in Swagger at /api/docs', async () => {
    const doc = await t.agent().get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths);
    for (const p of ['/open311/v2/discovery.{format}', '/open311/v2/requests.{format}', '/open311/v2/requests/{id}.{format}', '/open311/v2/servicerequestupdates.{format}', '/open311/v2/tokens/{token}.{format}']) expect(paths).toContain(p);
    expect(doc.body.paths['/open311/v2/requests.{format}'].post.requestBody.content['application/x-www-form-urlencoded']).toBeDefined();
    expect(doc.body.components.securitySchemes.api_key).toMatchObject({ type: 'apiKey', in: 'query', name: 'api_key' });
    // Only the public API: no staff or admin route is listed (the audit found /admin/* there).
    expect(paths.filter((p) => !p.startsWith('/open311/v2/'))).toEqual([]);
    expect(JSON.stringify(doc.body)).not.toMatch(/\/admin|\/casos|\/login|\/correo/);
  });
});

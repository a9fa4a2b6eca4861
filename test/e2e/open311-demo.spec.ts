import { DemoService } from '../../src/demo/demo.service';
import { DEMO_API_KEY } from '../../src/open311/open311-demo';
import { createTestApp, TestApp } from '../support/app';

describe('Open311 demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
  });
  afterAll(async () => t?.close());

  it('two categories ask questions, and the README’s demo key files a request with them', async () => {
    const services = (await t.agent().get('/open311/v2/services.json').expect(200)).body as { service_code: string; service_name: string; metadata: boolean }[];
    expect(services.filter((s) => s.metadata).map((s) => s.service_name).sort()).toEqual(['Alumbrado público', 'Bacheo y pavimentación']);
    const potholes = services.find((s) => s.service_name === 'Bacheo y pavimentación')!;
    const def = (await t.agent().get(`/open311/v2/services/${potholes.service_code}.json`).expect(200)).body;
    expect(def.attributes.map((a: { code: string; datatype: string }) => `${a.code}:${a.datatype}`)).toEqual(['tamano:singlevaluelist', 'riesgos:multivaluelist']);
    const lights = services.find((s) => s.service_name === 'Alumbrado público')!;
    expect((await t.agent().get(`/open311/v2/services/${lights.service_code}.json`)).body.attributes[0]).toMatchObject({ code: 'luminarias', datatype: 'number', required: true, description: '¿Cuántas luminarias?' });

    const res = await t.agent().post('/open311/v2/requests.json').type('form')
      .send({ api_key: DEMO_API_KEY, service_code: potholes.service_code, address_string: 'Calle Juárez, Chuchupe', 'attribute[tamano]': 'mediano', 'attribute[riesgos][]': ['escuela'], description: 'Bache frente a la escuela.' });
    expect(res.status).toBe(200);
    const [row] = await t.dataSource.query(`SELECT k.key_hash, k.client_name FROM api_keys k`);
    expect(row.key_hash).not.toContain('demo');
    expect(row.client_name).toBe('FixMyStreet Tampacán (demostración)');
    const [c] = await t.dataSource.query(`SELECT locality, channel FROM cases WHERE folio = $1`, [res.body[0].service_request_id]);
    expect(c).toEqual({ locality: 'Chuchupe', channel: 'api' });
  });

  it('the demo publishes requests of its public categories only, each as the category and the street, never the person’s words', async () => {
    const list = (await t.agent().get('/open311/v2/requests.json').expect(200)).body as { service_name: string; description: string; address: string | null }[];
    expect(list.length).toBeGreaterThan(5);
    const names = new Set(list.map((r) => r.service_name));
    for (const hidden of ['Seguridad pública', 'Apoyo y asistencia social', 'Programas sociales', 'Trámites y atención al público']) expect(names.has(hidden)).toBe(false);
    expect(list.every((r) => r.description === r.service_name)).toBe(true);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM categories WHERE sensitive`);
    expect(n).toBe(3);
  });
});

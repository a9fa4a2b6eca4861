import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { MonitoringService } from '../../src/monitoring/monitoring.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
// A Windows executable with a PDF's name: "MZ", the DOS stub, then anything.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64, 0), Buffer.from('PE\0\0'), Buffer.alloc(64, 0)]);

describe('media agreements: from received to concluded, with the budget', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let director: ReturnType<TestApp['agent']>;
  let outletId: number;
  let lineId: number;
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const p = await t.factories.user('press', { name: 'Carolina Jonguitud Meza' });
    const d = await t.factories.user('director', { name: 'Mtra. Rosa Elena Téllez' });
    press = t.agent();
    director = t.agent();
    await login(press, p.email, p.password);
    await login(director, d.email, d.password);
    const outlet = await t.app.get(MediaDirectoryService).saveOutlet(null, { name: 'Radio Huasteca', type: 'radio', reach: 45000, reachKind: 'audience', active: true } as never, SYSTEM_ACTOR);
    outletId = outlet.id;
    const res = await submitForm(press, '/convenios/presupuesto?anio=2026', '/convenios/presupuesto', { year: '2026', code: '3611', name: 'Difusión por radio, televisión y otros medios', assigned: '100,000.00' });
    expect(res.status).toBe(303);
    [{ id: lineId }] = await t.dataSource.query(`SELECT id FROM budget_lines WHERE code = '3611'`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const agreementFields = (over: Record<string, string> = {}) => ({
    outletId: String(outletId),
    supplierName: 'Radiodifusora Huasteca, S.A. de C.V.',
    supplierRfc: 'RHU970714AB7',
    object: 'Difusión de 40 spots de la campaña de vacunación en el noticiero matutino.',
    subtotal: '20000',
    startsOn: '2026-03-01',
    endsOn: '2026-05-31',
    budgetLineId: String(lineId),
    requestingArea: 'Dirección de Comunicación Social',
    procedure: 'direct_award',
    serviceClassification: 'dissemination',
    serviceType: 'Spots de radio',
    ...over,
  });

  async function upload(agent: ReturnType<TestApp['agent']>, id: number, path: string, fields: Record<string, string>, fileField: string, file: Buffer, name: string) {
    const page = await agent.get(`/convenios/${id}`);
    const req = agent.post(`/convenios/${id}/${path}`).field('_csrf', csrfFrom(page.text));
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach(fileField, file, name);
  }

  it('refuses a bad RFC beside the field, keeping what was typed, and saves nothing', async () => {
    const res = await submitForm(press, '/convenios/nuevo', '/convenios', agreementFields({ supplierRfc: 'RHU971314AB1' }));
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-supplierRfc-error">El RFC no es válido/);
    expect(res.text).toContain('value="RHU971314AB1"');
    expect(await count('media_agreements')).toBe(0);
  });

  it('goes from received to approved by a director (not by the press office) to concluded with its deliverables evidenced', async () => {
    let res = await submitForm(press, '/convenios/nuevo', '/convenios', agreementFields({ supplierRfc: 'rhu-970714-ab7' }));
    expect(res.status).toBe(303);
    const id = Number(/\/convenios\/(\d+)/.exec(res.headers.location)![1]);
    const [row] = await t.dataSource.query('SELECT status, subtotal, vat, total, supplier_rfc FROM media_agreements WHERE id = $1', [id]);
    expect(row).toMatchObject({ status: 'received', subtotal: '20000.00', vat: '3200.00', total: '23200.00', supplier_rfc: 'RHU970714AB7' });
    let page = await press.get(`/convenios/${id}`);
    expect(page.text).toContain('$3,200.00');
    expect(page.text).toContain('$23,200.00');

    const move = (agent: ReturnType<TestApp['agent']>, to: string, extra: Record<string, string> = {}) => submitForm(agent, `/convenios/${id}`, `/convenios/${id}/estado`, { to, ...extra });
    expect((await move(press, 'analysis')).status).toBe(303);
    // Proposing needs the analysis and the deliverables.
    res = await move(press, 'proposed');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Primero escribe el análisis de la oficina');
    res = await submitForm(press, `/convenios/${id}`, `/convenios/${id}/analisis`, { analysisNotes: 'Noticiero con mayor audiencia de la Huasteca; costo razonable.', analysisReach: '' });
    expect(res.status).toBe(303);
    const [analysed] = await t.dataSource.query('SELECT analysis_reach, cost_per_contact FROM media_agreements WHERE id = $1', [id]);
    expect(analysed).toEqual({ analysis_reach: 45000, cost_per_contact: '0.5156' }); // 23,200 / 45,000, the reach from the directory
    res = await submitForm(press, `/convenios/${id}`, `/convenios/${id}/entregables`, { dv_kind: 'spot', dv_description: 'Spot de 30 s en el noticiero matutino', dv_quantity: '40', dv_unitCost: '400' });
    expect(res.status).toBe(303);
    res = await submitForm(press, `/convenios/${id}`, `/convenios/${id}/entregables`, { dv_kind: 'post', dv_description: 'Publicación en la página del medio', dv_quantity: '2', dv_unitCost: '2000' });
    expect(res.status).toBe(303);
    expect((await move(press, 'proposed')).status).toBe(303);

    // The press office cannot approve: only a director.
    res = await move(press, 'approved');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Solo la Dirección (Presidenta Municipal) puede aprobar o rechazar un convenio');
    expect((await t.dataSource.query('SELECT status FROM media_agreements WHERE id = $1', [id]))[0].status).toBe('proposed');
    page = await director.get(`/convenios/${id}`);
    expect(page.text).toContain('Aprobar');
    res = await move(director, 'approved', { note: 'Procede conforme al programa anual.' });
    expect(res.status).toBe(303);
    const [decided] = await t.dataSource.query('SELECT status, decided_by_name, decided_at FROM media_agreements WHERE id = $1', [id]);
    expect(decided.status).toBe('approved');
    expect(decided.decided_by_name).toBe('Mtra. Rosa Elena Téllez');
    expect(decided.decided_at).toBeTruthy();
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'media_agreement.approved' AND entity_id = $1`, [String(id)]);
    expect(audit.details).toMatchObject({ decidedBy: 'Mtra. Rosa Elena Téllez', phrase: 'en acuerdo absoluto con la Presidenta Municipal' });
    page = await press.get(`/convenios/${id}`);
    expect(page.text).toContain('Aprobado por Mtra. Rosa Elena Téllez');
    expect(page.text).toContain('en acuerdo absoluto con la Presidenta Municipal');

    // Signing needs the contract number and the signed contract, checked by its content.
    res = await move(press, 'signed');
    expect(res.text).toContain('Escribe el número de contrato');
    res = await submitForm(press, `/convenios/${id}/editar`, `/convenios/${id}`, agreementFields({ contractNumber: 'CS-2026-007' }));
    expect(res.status).toBe(303);
    res = await submitForm(press, `/convenios/${id}/editar`, `/convenios/${id}`, agreementFields({ contractNumber: 'CS-2026-007', subtotal: '30000' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('sus términos no se pueden cambiar');
    res = await upload(press, id, 'documentos', { doc_kind: 'contract' }, 'doc_file', EXE, 'contrato-firmado.pdf');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-doc_file-error">El archivo no es PDF, JPG, PNG, XLSX ni DOCX/);
    expect(await count('agreement_documents')).toBe(0);
    res = await upload(press, id, 'documentos', { doc_kind: 'contract' }, 'doc_file', PDF, 'contrato-firmado.pdf');
    expect(res.status).toBe(303);
    expect((await move(press, 'signed', { contractDate: '2026-02-27' })).status).toBe(303);
    expect((await move(press, 'active')).status).toBe(303);

    // Execution: deliveries with evidence, payments against invoices.
    const [spot, post] = await t.dataSource.query('SELECT id FROM agreement_deliverables WHERE agreement_id = $1 ORDER BY id', [id]);
    res = await upload(press, id, 'entregas', { dlv_deliverableId: String(spot.id), dlv_quantity: '41', dlv_deliveredOn: '2026-03-31' }, 'dlv_file', JPEG, 'pauta-marzo.jpg');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Es más de lo que queda por entregar');
    res = await upload(press, id, 'entregas', { dlv_deliverableId: String(spot.id), dlv_quantity: '40', dlv_deliveredOn: '2026-03-31' }, 'dlv_file', JPEG, 'pauta-marzo.jpg');
    expect(res.status).toBe(303);
    res = await move(press, 'concluded');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Hay entregables sin entregar con evidencia');
    // The posts are evidenced by clippings from media monitoring: only the outlet's, within the period.
    const monitoring = t.app.get(MonitoringService);
    const other = await t.app.get(MediaDirectoryService).saveOutlet(null, { name: 'Otro Diario', type: 'print', active: true } as never, SYSTEM_ACTOR);
    const foreign = await monitoring.addClipping({ outletId: other.id, medium: 'press', publishedAt: '2026-04-14T09:00', headline: 'Nota de otro medio', tone: 'neutral' } as never, undefined, SYSTEM_ACTOR);
    const clip = await monitoring.addClipping({ outletId, medium: 'digital', publishedAt: '2026-04-15T09:00', headline: 'Publicación patrocinada: vacunación', tone: 'positive' } as never, undefined, SYSTEM_ACTOR);
    const byClipping = async (clippingId: number) => {
      const page = await press.get(`/convenios/${id}`);
      expect(page.text).toContain('Publicación patrocinada: vacunación');
      return press.post(`/convenios/${id}/entregas`).field('_csrf', csrfFrom(page.text)).field('dlv_deliverableId', String(post.id)).field('dlv_quantity', '2').field('dlv_deliveredOn', '2026-04-15').field('dlv_clippingId', String(clippingId));
    };
    res = await byClipping(foreign.id);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Elige un testigo de este medio dentro de la vigencia del convenio');
    res = await byClipping(clip.id);
    expect(res.status).toBe(303);
    res = await upload(press, id, 'pagos', { pay_invoiceNumber: 'A-1187', pay_invoiceDate: '2026-04-01', pay_amount: '23,200.01', pay_paidOn: '2026-04-10' }, 'pay_file', PDF, 'factura.pdf');
    expect(res.status).toBe(422);
    expect(res.text).toContain('se rebasaría el total');
    res = await upload(press, id, 'pagos', { pay_invoiceNumber: 'A-1187', pay_invoiceDate: '2026-04-01', pay_amount: '11600', pay_paidOn: '2026-04-10' }, 'pay_file', PDF, 'factura.pdf');
    expect(res.status).toBe(303);
    expect((await move(press, 'concluded')).status).toBe(303);
    page = await press.get(`/convenios/${id}`);
    expect(page.text).toContain('Concluido');
    expect(page.text).toContain('Unidades por entregar: 0');
    expect(page.text).toContain(`href="/monitoreo/testigos/${clip.id}"`);
    expect(page.text).toContain('resta $11,600.00');
    // The evidence is served back as it was uploaded.
    const [doc] = await t.dataSource.query(`SELECT id FROM agreement_documents WHERE agreement_id = $1 AND original_name = 'pauta-marzo.jpg'`, [id]);
    const file = await press.get(`/convenios/${id}/documentos/${doc.id}`).buffer(true);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(file.body as Buffer, JPEG)).toBe(0);
    // The budget line shows it committed and exercised.
    const budget = await press.get('/convenios/presupuesto?anio=2026');
    expect(budget.text).toContain('$23,200.00');
    expect(budget.text).toContain('$11,600.00');
  });

  it('warns before a new agreement exceeds its budget line, and records it only when acknowledged', async () => {
    // 100,000 authorized, 23,200 committed: 70,000 + VAT = 81,200 would exceed it.
    const before = await count('media_agreements');
    let res = await submitForm(press, '/convenios/nuevo', '/convenios', agreementFields({ subtotal: '70000', supplierRfc: 'GOMA800229QZ0', supplierName: 'Ana Gómez Martínez' }));
    expect(res.status).toBe(422);
    expect(res.text).toContain('Este convenio rebasa la partida presupuestal');
    expect(res.text).toContain('Autorizado $100,000.00; ya comprometido $23,200.00; con este convenio quedaría en $104,400.00');
    expect(await count('media_agreements')).toBe(before);
    // Within the line, no warning.
    res = await submitForm(press, '/convenios/nuevo', '/convenios', agreementFields({ subtotal: '60000', supplierRfc: 'GOMA800229QZ0', supplierName: 'Ana Gómez Martínez' }));
    expect(res.status).toBe(303);
    res = await submitForm(press, '/convenios/nuevo', '/convenios', agreementFields({ subtotal: '70000', supplierRfc: 'GOMA800229QZ0', supplierName: 'Ana Gómez Martínez', overBudgetAck: 'on' }));
    expect(res.status).toBe(303);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'media_agreement.create' ORDER BY id DESC LIMIT 1`);
    expect(audit.details.overBudget).toMatchObject({ authorized: 100000 });
  });
});

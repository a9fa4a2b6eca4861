import { CasesService } from '../../src/cases/cases.service';
import { DigestService } from '../../src/cases/digest.service';
import { addBusinessDays } from '../../src/departments/business-days';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

describe('cases: statistics, daily digest, personal data, who reaches what', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let cases: CasesService;
  let water: Awaited<ReturnType<typeof seedCategory>>;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    cases = t.app.get(CasesService);
    water = await seedCategory(t, { name: 'Agua potable', deadlineDays: 1, departmentName: 'Agua Potable y Alcantarillado' });
    await t.dataSource.query(`UPDATE departments SET email = 'agua@tampacan.gob.mx' WHERE id = $1`, [water.department.id]);
    const file = (description: string, extra: Record<string, unknown> = {}) =>
      cases.file({ type: 'service_request', categoryId: water.category.id, description, locality: 'Chuchupe', consent: true, channel: 'web', privacyVersion: '2026-01', ...extra }, [], cases.citizenActor(null));
    await file('No llega el agua desde el lunes', { contactEmail: 'lupita@ejemplo.mx', contactName: 'Guadalupe Ortiz', contactPhone: '482 100 2030' });
    await file('Tubería rota en la calle Morelos', { channel: 'phone', locality: 'Xolol' });
    await file('Agua turbia en la llave', { contactEmail: 'LUPITA@ejemplo.mx' });
    // Routed, so the department's liaison is responsible for them.
    await t.dataSource.query(`UPDATE cases SET status = 'routed'`);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('shows statistics as numbers and SVG charts, and exports the filtered list', async () => {
    const director = await t.factories.user('director');
    const agent = t.agent();
    await login(agent, director.email, director.password);
    const res = await agent.get('/estadisticas');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<svg class="chart"');
    expect(res.text).toContain('Agua Potable y Alcantarillado');
    expect(res.text).toMatch(/Solicitudes<\/h2><p class="big-number">3</);
    const filtered = await agent.get('/estadisticas?canal=phone');
    expect(filtered.text).toMatch(/Solicitudes<\/h2><p class="big-number">1</);
    const csv = await agent.get('/estadisticas/exportar.csv?canal=phone');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/AC-\d{4}-\d{6},.*,Teléfono,/); // the phone case, one line
    expect(csv.text.trim().split('\n')).toHaveLength(2);
    expect(csv.text).not.toContain('Tubería rota en la calle Morelos'); // no free text a citizen wrote in statistics
    expect(csv.text).not.toContain('lupita@ejemplo.mx'); // no contact data in exports
    // The director sees statistics but not the cases themselves; press sees neither.
    expect((await agent.get('/casos')).status).toBe(403);
    const press = await t.factories.user('press');
    const pressAgent = t.agent();
    await login(pressAgent, press.email, press.password);
    expect((await pressAgent.get('/estadisticas')).status).toBe(403);
    expect((await pressAgent.get('/casos')).status).toBe(403);
  });

  it('emails each department its overdue and soon-due cases once a day', async () => {
    const liaison = await t.factories.user('liaison', { departmentId: water.department.id, email: 'enlace.agua@tampacan.gob.mx' });
    const day = addBusinessDays(cases.today(), 6, new Set());
    const digest = t.app.get(DigestService);
    expect(await digest.sendDaily(day)).toBe(2);
    expect(await digest.sendDaily(day)).toBe(0); // once a day
    await t.app.get(OutboxWorker).drain();
    for (const to of [liaison.email, 'agua@tampacan.gob.mx']) {
      const [mail] = smtp.to(to);
      expect(mail.parsed.subject).toBe('Agua Potable y Alcantarillado: 3 solicitudes vencidas y 0 por vencer');
      expect(mail.parsed.text).toContain('Tubería rota en la calle Morelos');
    }
  });

  it('lets an administrator export and anonymize one person, both audited', async () => {
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const page = await agent.get('/admin/datos-personales?correo=lupita%40ejemplo.mx');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Solicitudes con sus datos: 2');
    const exported = await agent.post('/admin/datos-personales/exportar').type('form').send({ correo: 'lupita@ejemplo.mx', telefono: '', _csrf: csrfFrom(page.text) });
    expect(exported.status).toBe(200);
    const data = JSON.parse(exported.text);
    expect(data.solicitudes).toHaveLength(2);
    expect(data.solicitudes[0].contacto).toEqual({ nombre: 'Guadalupe Ortiz', correo: 'lupita@ejemplo.mx', telefono: '482 100 2030' });
    expect(data.solicitudes[0].consentimiento.version_aviso).toBe('2026-01');

    // Copies of her data beyond the cases: the receipt emails (queued when she filed), a message of
    // hers in the official mailbox with an attachment, and an Open311 client's device id.
    const [first] = await t.dataSource.query(`SELECT id, folio FROM cases WHERE contact_email = 'lupita@ejemplo.mx' ORDER BY id LIMIT 1`);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'to' ILIKE 'lupita@ejemplo.mx'`))[0].n).toBe(2); // her two receipts
    const [reply] = await t.dataSource.query(
      `INSERT INTO outbox (kind, reference, payload, status) VALUES ('email', $1, '{"to":"lupita@ejemplo.mx","subject":"Respuesta a su solicitud","text":"Estimada Guadalupe: la pipa llega mañana."}', 'pending') RETURNING id`,
      [`case:${first.id}`],
    );
    await t.dataSource.query(`INSERT INTO outbox (kind, reference, payload, status) VALUES ('email', 'digest:x', '{"to":"agua@tampacan.gob.mx","subject":"Resumen","text":"Sin cambios"}', 'pending')`);
    const [msg] = await t.dataSource.query(
      `INSERT INTO mail_messages (folder, uid_validity, uid, from_name, from_address, subject, received_at, text_body, size, case_folio, note)
       VALUES ('INBOX', 1, 77, 'Guadalupe Ortiz', 'Lupita@Ejemplo.mx', 'Sigo sin agua, Guadalupe', now(), 'Soy Guadalupe Ortiz, de Chuchupe, tel. 482 100 2030', 300, $1, 'Llamar a Guadalupe') RETURNING id`,
      [first.folio],
    );
    await t.dataSource.query(`INSERT INTO mail_attachments (message_id, filename, declared_type, size, storage_key, refused_reason) VALUES ($1, 'ine-guadalupe.exe', 'application/octet-stream', 10, NULL, 'program')`, [msg.id]);
    const [key] = await t.dataSource.query(`INSERT INTO api_keys (client_name, prefix, key_hash, rate_limit_per_minute) VALUES ('App vecinal', 'anon0001', 'x', 10) RETURNING id`);
    await t.dataSource.query(`INSERT INTO open311_requests (case_id, api_key_id, token, device_id, account_id) VALUES ($1, $2, 'tok-anon', 'telefono-de-lupita', 'cuenta-lupita')`, [first.id, key.id]);

    const refused = await agent.post('/admin/datos-personales/anonimizar').type('form').send({ correo: 'lupita@ejemplo.mx', _csrf: csrfFrom(page.text) });
    expect(refused.status).toBe(303);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE contact_email = 'lupita@ejemplo.mx'`))[0].n).toBe(2);
    const done = await agent.post('/admin/datos-personales/anonimizar').type('form').send({ correo: 'lupita@ejemplo.mx', confirmar: 'on', _csrf: csrfFrom(page.text) });
    expect(done.status).toBe(303);
    const rows = await t.dataSource.query(`SELECT contact_name, contact_email, contact_phone, anonymized_at, description FROM cases ORDER BY id`);
    expect(rows.filter((r: { anonymized_at: Date | null }) => r.anonymized_at)).toHaveLength(2);
    expect(rows.some((r: { contact_email: string | null }) => r.contact_email)).toBe(false);
    expect(rows[0].description).toBe('[dato eliminado a petición del titular]'); // the case stays, without what she wrote
    const audit = await t.dataSource.query(`SELECT action, details FROM audit_log WHERE entity_type = 'person' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['personal_data.export', 'personal_data.anonymize']);
    expect(JSON.stringify(audit)).not.toContain('lupita'); // the log names folios, not the person
    expect(audit[1].details.erasedIn).toEqual(expect.arrayContaining(['outbox', 'mailbox', 'open311']));
    // Nothing of her is left in the copies; what was not hers is untouched.
    const outbox = await t.dataSource.query(`SELECT id, reference, payload, status, last_error FROM outbox ORDER BY id`);
    expect(JSON.stringify(outbox)).not.toMatch(/lupita|Guadalupe/i);
    const hers = new Set((await t.dataSource.query(`SELECT id FROM cases WHERE anonymized_at IS NOT NULL`)).map((c: { id: number }) => `case:${c.id}`));
    const erased = outbox.filter((o: { reference: string }) => hers.has(o.reference));
    expect(erased.length).toBeGreaterThanOrEqual(2);
    for (const o of erased) expect(o.payload.to).toBe('[dato eliminado a petición del titular]');
    // The reply not yet sent is given up, never sent to nobody.
    expect(outbox.find((o: { id: string }) => o.id === reply.id)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('datos del titular eliminados') });
    expect(outbox.find((o: { reference: string }) => o.reference === 'digest:x')).toMatchObject({ status: 'pending', payload: { to: 'agua@tampacan.gob.mx', text: 'Sin cambios' } });
    const mail = await t.dataSource.query(`SELECT from_name, from_address, subject, text_body, note, case_folio FROM mail_messages`);
    expect(JSON.stringify(mail)).not.toMatch(/lupita|Guadalupe|482 100/i);
    expect(mail[0].case_folio).toBe(first.folio); // the message keeps its place in the case's thread
    expect(await t.dataSource.query(`SELECT 1 FROM mail_attachments WHERE message_id = $1`, [msg.id])).toEqual([]);
    expect(await t.dataSource.query(`SELECT device_id, account_id FROM open311_requests`)).toEqual([{ device_id: null, account_id: null }]);
  });

  it('lets administrators keep the category catalogue', async () => {
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const list = await agent.get('/admin/categorias');
    expect(list.text).toContain('Agua potable');
    const form = await agent.get('/admin/categorias/nueva');
    let res = await agent.post('/admin/categorias').type('form').send({ name: 'Panteones', deadlineDays: '0', active: 'on', _csrf: csrfFrom(form.text) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Escribe un número de días hábiles entre 1 y 120.');
    res = await agent.post('/admin/categorias').type('form').send({ name: 'Panteones', deadlineDays: '8', defaultDepartmentId: String(water.department.id), active: 'on', _csrf: csrfFrom(form.text) });
    expect(res.status).toBe(303);
    const edit = await agent.get(res.headers.location);
    res = await agent.post(`${res.headers.location}/respuestas`).type('form').send({ title: 'Visita programada', body: 'Un inspector visitará el lugar esta semana.', active: 'on', _csrf: csrfFrom(edit.text) });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location.split('#')[0])).text).toContain('Visita programada');
  });
});

import exifr from 'exifr';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { fileRequest, jpegWithGps, receiptCode, seedCategory } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

describe('cases: a citizen files a request and follows it', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let categoryId: number;
  let departmentName: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    const { category, department } = await seedCategory(t, { name: 'Alumbrado público', deadlineDays: 5 });
    categoryId = category.id;
    departmentName = department.name;
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('files with a photo, shows the receipt, gives a PDF and emails the receipt', async () => {
    const agent = t.agent();
    const photo = await jpegWithGps();
    const res = await fileRequest(
      agent,
      { type: 'complaint', categoryId: String(categoryId), description: 'La lámpara de la calle Juárez no enciende desde hace una semana.', locality: 'Tancuilín', street: 'Calle Juárez 12', contactName: 'María López', contactEmail: 'maria.lopez@ejemplo.mx' },
      [{ name: 'lámpara.jpg', content: photo, type: 'image/jpeg' }],
    );
    expect(res.status).toBe(303);
    const year = new Date().getFullYear();
    expect(res.headers.location).toBe(`/solicitudes/acuse/AC-${year}-000001`);
    const receipt = await agent.get(res.headers.location);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain(`AC-${year}-000001`);
    expect(receipt.text).toContain(departmentName);
    const code = receiptCode(receipt.text);
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);

    const pdf = await agent.get(`/solicitudes/acuse/AC-${year}-000001/pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    await t.app.get(OutboxWorker).drain();
    const [mail] = smtp.to('maria.lopez@ejemplo.mx');
    expect(mail.parsed.subject).toBe(`Acuse de recibo: solicitud AC-${year}-000001`);
    expect(mail.parsed.text).toContain(code);

    // The stored copy has no GPS; the case, timeline, consent and audit are saved.
    const [c] = await t.dataSource.query(`SELECT id, consent_at, consent_version, status, department_id FROM cases`);
    expect(c.status).toBe('received');
    expect(c.consent_version).toBe('2026-01');
    expect(c.consent_at).toBeTruthy();
    const [att] = await t.dataSource.query(`SELECT storage_key, original_key, filename FROM case_attachments WHERE case_id = $1`, [c.id]);
    expect(att.filename).toBe('lámpara.jpg');
    const { FileStorage } = await import('../../src/storage/file-storage');
    const storage = t.app.get(FileStorage);
    const read = (key: string) => storage.read(key);
    expect(await exifr.gps(await read(att.storage_key)).catch(() => undefined)).toBeUndefined();
    expect((await exifr.gps(await read(att.original_key)))?.latitude).toBeCloseTo(21.4);
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'case'`).catch(() => t.dataSource.query(`SELECT action FROM audit_entries WHERE entity_type = 'case'`));
    expect(audit.map((a: { action: string }) => a.action)).toContain('case.create');

    // The citizen's tracking page shows their photo (the copy without GPS); another browser gets nothing.
    const tracking = await agent.get(`/seguimiento/AC-${year}-000001`);
    expect(tracking.text).toContain('Recibida');
    const photoUrl = /<img src="(\/seguimiento\/[^"]+)"/.exec(tracking.text)![1];
    const own = await agent.get(photoUrl).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (ch: Buffer) => chunks.push(ch));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(await exifr.gps(own.body as Buffer).catch(() => undefined)).toBeUndefined();
    expect((await t.agent().get(photoUrl)).status).toBe(404);
  });

  it('keeps the case and its receipt email while the mail server is down, and sends it once it is back', async () => {
    await smtp.stop();
    const res = await fileRequest(t.agent(), { type: 'report', categoryId: String(categoryId), description: 'Cables sueltos en el poste de la plaza.', locality: 'Chuchupe', contactEmail: 'sin.servidor@ejemplo.mx' });
    expect(res.status).toBe(303);
    const folio = res.headers.location.split('/').pop();
    expect(await t.app.get(OutboxWorker).drain()).toBe(1); // tried, failed, kept for a retry
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE folio = $1`, [folio]))[0].n).toBe(1);
    const [entry] = await t.dataSource.query(`SELECT status, attempts FROM outbox WHERE payload->>'to' = 'sin.servidor@ejemplo.mx'`);
    expect(entry).toEqual({ status: 'pending', attempts: 1 });

    await smtp.start();
    await t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'`);
    await t.app.get(OutboxWorker).drain();
    const mails = smtp.to('sin.servidor@ejemplo.mx');
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe(`Acuse de recibo: solicitud ${folio}`);
  });
});

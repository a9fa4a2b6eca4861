import ExcelJS from 'exceljs';
import { MailMessage } from '../../src/mailbox/mail-message.entity';
import { OutboxService } from '../../src/notifications/outbox.service';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';

/**
 * Each role sees only the mail of its own work: the press office never reads a citizen's
 * receipt, a reply to a citizen or a message filed into a case (M5 of the security audit).
 */
describe('who reads which mail (outbox and official mailbox)', () => {
  let t: TestApp;
  let folio: string;
  let receiptId: string;
  let releaseId: string;
  let filedId: number;
  let replyId: number;
  let openId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const { category } = await seedCategory(t, { name: 'Salud' });
    const res = await fileRequest(t.agent(), {
      type: 'complaint', categoryId: String(category.id), locality: 'Tancuilín', description: 'Mi vecino Joaquín Serrano vende alcohol a menores en su casa de la calle Hidalgo.',
      contactName: 'Rosa Delgado Cruz', contactEmail: 'rosa.delgado@ejemplo.mx',
    });
    expect(res.status).toBe(303);
    folio = res.headers.location.split('/').pop()!;
    const [receipt] = await t.dataSource.query(`SELECT id::text FROM outbox WHERE payload->>'to' = 'rosa.delgado@ejemplo.mx'`);
    receiptId = receipt.id;
    releaseId = await t.dataSource.transaction((m) =>
      t.app.get(OutboxService).enqueueEmail(m, { to: 'redaccion@diario.example', subject: 'Boletín: inicia la feria de Tampacán', text: 'La feria inicia el viernes.' }, 'release:1:delivery:1'),
    );
    const mail = (fields: Partial<MailMessage>) =>
      t.dataSource.getRepository(MailMessage).save({ folder: 'INBOX', uidValidity: '1', uid: String(Math.floor(Math.random() * 1e9)), receivedAt: new Date(), size: 100, ...fields });
    filedId = (await mail({ fromAddress: 'rosa.delgado@ejemplo.mx', fromName: 'Rosa Delgado Cruz', subject: 'Denuncia de venta de alcohol', textBody: 'Mi vecino vende alcohol.', state: 'handled', caseFolio: folio })).id;
    replyId = (await mail({ fromAddress: 'rosa.delgado@ejemplo.mx', fromName: 'Rosa Delgado Cruz', subject: `Re: Respuesta a su solicitud ${folio}`, textBody: 'Sigue pasando por las noches.', kind: 'case_reply', state: 'handled', caseFolio: folio })).id;
    openId = (await mail({ fromAddress: 'prensa@diario.example', fromName: 'Diario de Tampacán', subject: 'Solicitud de entrevista con el presidente', textBody: '¿Tiene espacio el martes?' })).id;
  });
  afterAll(() => t?.close());

  async function as(role: 'press' | 'attention' | 'admin') {
    const u = await t.factories.user(role);
    const agent = t.agent();
    await login(agent, u.email, u.password);
    return agent;
  }

  it('the press office sees its own outgoing mail, never a citizen receipt', async () => {
    const press = await as('press');
    const list = await press.get('/correo/saliente?estado=held');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Boletín: inicia la feria');
    expect(list.text).not.toContain('rosa.delgado@ejemplo.mx');
    expect(list.text).not.toContain(folio);
    const all = await press.get('/correo/saliente');
    expect(all.text).not.toContain('rosa.delgado@ejemplo.mx');
    expect((await press.get(`/correo/saliente/${receiptId}`)).status).toBe(404);
    expect((await press.get(`/correo/saliente/${releaseId}`)).status).toBe(200);
  });

  it('citizen attention sees the receipt, not the press office mail; the administrator sees both', async () => {
    const attention = await as('attention');
    const list = await attention.get('/correo/saliente');
    expect(list.text).toContain('rosa.delgado@ejemplo.mx');
    expect(list.text).not.toContain('Boletín: inicia la feria');
    expect((await attention.get(`/correo/saliente/${receiptId}`)).status).toBe(200);
    expect((await attention.get(`/correo/saliente/${releaseId}`)).status).toBe(404);
    const admin = await as('admin');
    const both = await admin.get('/correo/saliente');
    expect(both.text).toContain('rosa.delgado@ejemplo.mx');
    expect(both.text).toContain('Boletín: inicia la feria');
  });

  it('the press office sees the shared mailbox but no message filed into a case, nor a citizen answer', async () => {
    const press = await as('press');
    const list = await press.get('/correo?estado=todos');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Solicitud de entrevista con el presidente');
    expect(list.text).not.toContain('rosa.delgado@ejemplo.mx');
    expect(list.text).not.toContain('Denuncia de venta de alcohol');
    for (const id of [filedId, replyId]) {
      expect((await press.get(`/correo/mensajes/${id}`)).status).toBe(404);
      expect((await press.get(`/correo/mensajes/${id}/adjuntos/1`)).status).toBe(404);
    }
    // The counts on the tabs do not betray them either: one message in all.
    expect(list.text).toContain(`estado=todos" aria-current="page">Todos (1)`);
    expect((await press.get(`/correo/mensajes/${openId}`)).status).toBe(200);
  });

  it('citizen attention sees the messages filed into cases', async () => {
    const attention = await as('attention');
    const list = await attention.get('/correo?estado=todos');
    expect(list.text).toContain('Denuncia de venta de alcohol');
    expect(list.text).toContain('Solicitud de entrevista con el presidente');
    expect((await attention.get(`/correo/mensajes/${replyId}`)).status).toBe(200);
  });

  it('the statistics exports carry no free text a citizen wrote (the privacy notice promises statistics that identify no one)', async () => {
    const u = await t.factories.user('director');
    const director = t.agent();
    await login(director, u.email, u.password);
    const csv = await director.get('/estadisticas/exportar.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(folio);
    expect(csv.text).not.toContain('Joaquín Serrano');
    expect(csv.text).not.toContain('Descripción');
    const xlsx = await director.get('/estadisticas/exportar.xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain(folio);
    expect(cells.join(' ')).not.toContain('Joaquín Serrano');
  });
});

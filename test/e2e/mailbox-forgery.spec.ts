import { CasesRepository } from '../../src/cases/cases.repository';
import { MailMessage } from '../../src/mailbox/mail-message.entity';
import { MailboxWorker } from '../../src/mailbox/mailbox.worker';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';
import { rawMessage, TestImapServer } from '../support/imap';

/**
 * M6 of the security audit: anyone can write an email with a forged From: and a folio in the
 * subject. Only the references Cabildo generated (its own random Message-IDs) or a sender
 * authenticated by the receiving server (Authentication-Results of a trusted server) thread an
 * email into a case as the citizen's; anything else waits in the mailbox, flagged unverified,
 * and nothing of it reaches the citizen's public timeline.
 */
describe('a forged sender is never threaded into a case as the citizen', () => {
  const imap = new TestImapServer();
  let t: TestApp;
  let folio: string;
  let caseId: number;
  const worker = () => t.app.get(MailboxWorker);
  const bySubject = async (subject: string) => (await t.dataSource.getRepository(MailMessage).findOne({ where: { subject } }))!;
  const publicEvents = async () => (await t.app.get(CasesRepository).events(caseId, true)).filter((e) => e.kind === 'citizen_info');

  beforeAll(async () => {
    await imap.start();
    t = await createTestApp({ ...imap.env(), IMAP_POLL_MS: '0', MAIL_AUTHSERV_ID: 'mx.tampacan.gob.mx' });
    const { category } = await seedCategory(t, { name: 'Seguridad' });
    const res = await fileRequest(t.agent(), {
      type: 'complaint', categoryId: String(category.id), locality: 'Tancuilín', description: 'Hay un tiradero de basura frente a mi casa.',
      contactName: 'Lucía Hernández', contactEmail: 'lucia.hernandez@ejemplo.mx',
    });
    folio = res.headers.location.split('/').pop()!;
    caseId = (await t.app.get(CasesRepository).findByFolio(folio))!.id;
    // The citizen's own first email, as if the case had come from the mailbox: its Message-ID is the sender's, not a secret.
    await t.dataSource.transaction((m) => t.app.get(CasesRepository).addMessageId(caseId, '<original-de-lucia@ejemplo.mx>', 'in', m));
  });
  afterAll(async () => {
    await t?.close();
    await imap.stop();
    for (const k of [...Object.keys(imap.env()), 'IMAP_POLL_MS', 'MAIL_AUTHSERV_ID']) delete process.env[k];
  });

  it('a forged From: with the folio in the subject stays in the mailbox, flagged unverified, and off the timeline', async () => {
    await imap.append(rawMessage({ from: 'Lucía Hernández <lucia.hernandez@ejemplo.mx>', subject: `Re: Acuse de recibo ${folio}`, text: 'Retiro mi queja, y mi vecino no tiene nada que ver.' }));
    const run = await worker().fetchNow();
    expect(run.outcomes).toMatchObject({ stored: 1 });
    expect(run.outcomes.threaded ?? 0).toBe(0);
    expect(await publicEvents()).toHaveLength(0);
    const m = await bySubject(`Re: Acuse de recibo ${folio}`);
    expect(m).toMatchObject({ state: 'new', caseFolio: folio, unverified: true });
    expect((await t.app.get(CasesRepository).findById(caseId))!.citizenEmailAt).toBeNull();

    const staff = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, staff.email, staff.password);
    expect((await agent.get(`/correo/mensajes/${m.id}`)).text).toContain('Remitente no verificado');
    expect((await agent.get('/correo')).text).toContain('Remitente no verificado');
  });

  it('a forged Authentication-Results from a server that is not ours does not count', async () => {
    await imap.append(rawMessage({
      from: 'Lucía Hernández <lucia.hernandez@ejemplo.mx>', subject: `Re: ${folio} otra vez`, text: 'Cierren el caso.',
      headers: { 'Authentication-Results': 'mx.atacante.example; dmarc=pass header.from=ejemplo.mx; dkim=pass header.d=ejemplo.mx; spf=pass smtp.mailfrom=ejemplo.mx' },
    }));
    await worker().fetchNow();
    expect(await publicEvents()).toHaveLength(0);
    expect(await bySubject(`Re: ${folio} otra vez`)).toMatchObject({ unverified: true, kind: 'message' });
  });

  it('quoting the citizen\'s own Message-ID (no secret of ours) does not thread either', async () => {
    await imap.append(rawMessage({ from: 'Alguien <alguien@otro.example>', subject: 'Re: basura', inReplyTo: '<original-de-lucia@ejemplo.mx>', references: '<original-de-lucia@ejemplo.mx>', text: 'Soy Lucía, desde otra cuenta: cancelen todo.' }));
    await worker().fetchNow();
    expect(await publicEvents()).toHaveLength(0);
    expect(await bySubject('Re: basura')).toMatchObject({ kind: 'message', state: 'new' });
  });

  it('the same email authenticated by our receiving server (DMARC pass for the sender\'s domain) is threaded', async () => {
    await imap.append(rawMessage({
      from: 'Lucía Hernández <lucia.hernandez@ejemplo.mx>', subject: `Re: Acuse de recibo ${folio} (foto)`, text: 'La basura sigue ahí.',
      headers: { 'Authentication-Results': 'mx.tampacan.gob.mx; spf=fail smtp.mailfrom=otro.example; dkim=pass header.d=ejemplo.mx header.s=s1; dmarc=pass (p=reject) header.from=ejemplo.mx' },
    }));
    const run = await worker().fetchNow();
    expect(run.outcomes).toMatchObject({ threaded: 1 });
    const events = await publicEvents();
    expect(events).toHaveLength(1);
    expect(events[0].body).toContain('La basura sigue ahí');
  });
});

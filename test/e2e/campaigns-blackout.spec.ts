import { localDay } from '../../src/agreements/blackout/blackout-rules';
import { BlackoutService } from '../../src/agreements/blackout/blackout.service';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

const TZ = 'America/Mexico_City';
const dayPlus = (days: number) => localDay(new Date(Date.now() + days * 86_400_000), TZ);

describe('campaigns and the electoral blackout', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let admin: ReturnType<TestApp['agent']>;
  let campaignId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const p = await t.factories.user('press');
    const a = await t.factories.user('admin');
    press = t.agent();
    admin = t.agent();
    await login(press, p.email, p.password);
    await login(admin, a.email, a.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const pieceStatus = async (id: number) => (await t.dataSource.query('SELECT status FROM campaign_pieces WHERE id = $1', [id]))[0].status as string;
  const move = (id: number, to: string, extra: Record<string, string> = {}) => submitForm(press, `/campanas/piezas/${id}`, `/campanas/piezas/${id}/estado`, { to, ...extra });
  async function newPiece(fields: Record<string, string>): Promise<number> {
    const res = await submitForm(press, `/campanas/${campaignId}`, `/campanas/${campaignId}/piezas`, { kind: 'radio_spot', ...fields });
    expect(res.status).toBe(303);
    return Number(/piezas\/(\d+)/.exec(res.headers.location)![1]);
  }
  async function toApproved(id: number) {
    for (const to of ['script', 'production', 'approved']) expect((await move(id, to)).status).toBe(303);
  }

  it('lets only admins keep blackout periods, with clear errors', async () => {
    expect((await press.get('/admin/veda')).status).toBe(403);
    let res = await submitForm(admin, '/admin/veda/nuevo', '/admin/veda', { name: 'Proceso electoral local', kind: 'state', startsOn: dayPlus(5), endsOn: dayPlus(1) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('El último día no puede ser anterior al primero');
    res = await submitForm(admin, '/admin/veda/nuevo', '/admin/veda', { name: 'Proceso electoral local', kind: 'state', startsOn: '2026-02-31', endsOn: dayPlus(1) });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Escriba una fecha válida');
    res = await submitForm(admin, '/admin/veda/nuevo', '/admin/veda', { name: 'Revocación de mandato', kind: 'recall', startsOn: dayPlus(-1), endsOn: dayPlus(10), notes: 'Acuerdo del CEEPAC' });
    expect(res.status).toBe(303);
    const page = await admin.get('/admin/veda');
    expect(page.text).toContain('Hay veda electoral vigente: Revocación de mandato');
  });

  it('refuses to run a piece during a blackout with a clear message, and allows it with a legal exception that is audited', async () => {
    let res = await submitForm(press, '/campanas/nueva', '/campanas', { name: 'Vacunación de temporada 2026', type: 'health', topic: 'Vacunación', objective: 'Informar dónde y cuándo vacunarse contra la influenza.', audience: 'Familias de Tampacán', startsOn: dayPlus(-5), endsOn: dayPlus(60), mediaPlan: 'Radio local y página oficial' });
    expect(res.status).toBe(303);
    campaignId = Number(/campanas\/(\d+)/.exec(res.headers.location)![1]);
    const id = await newPiece({ title: 'Spot: jornada de vacunación', script: 'Acude a tu centro de salud del 1 al 15 de noviembre.', runsOn: dayPlus(0), runsUntil: dayPlus(3) });
    await toApproved(id);

    res = await move(id, 'published');
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-exception-error">Hay veda electoral vigente: no se pueden difundir piezas de campaña\. Solo se permite con una excepción legal/);
    expect(await pieceStatus(id)).toBe('approved');

    res = await move(id, 'published', { exception: 'health', exceptionReason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-exceptionReason-error">Durante la veda, una excepción necesita su motivo/);
    expect(await pieceStatus(id)).toBe('approved');
    expect(await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'blackout.exception'`)).toHaveLength(0);

    res = await move(id, 'published', { exception: 'health', exceptionReason: 'Campaña de salud pública: vacunación contra la influenza.' });
    expect(res.status).toBe(303);
    expect(await pieceStatus(id)).toBe('published');
    const [audit] = await t.dataSource.query(`SELECT actor, entity_type, entity_id, details FROM audit_log WHERE action = 'blackout.exception'`);
    expect(audit).toMatchObject({ entity_type: 'campaign_piece', entity_id: String(id) });
    expect(audit.details).toMatchObject({ act: 'run_campaign_piece', exception: 'health', reason: 'Campaña de salud pública: vacunación contra la influenza.', period: 'Revocación de mandato' });
    const page = await press.get(`/campanas/piezas/${id}`);
    expect(page.text).toContain('Salud: Campaña de salud pública');
  });

  it('refuses a piece scheduled into a future blackout, and runs one outside any blackout without an audit of exceptions', async () => {
    const blackout = t.app.get(BlackoutService);
    await t.dataSource.query('DELETE FROM blackout_periods');
    await blackout.savePeriod(null, { name: 'Elección municipal', kind: 'municipal', startsOn: dayPlus(20), endsOn: dayPlus(30) }, { userId: null, label: 'prueba', ip: null });
    const scheduled = await newPiece({ title: 'Cápsula: obras del mes', kind: 'info_capsule', runsOn: dayPlus(15), runsUntil: dayPlus(25) });
    await toApproved(scheduled);
    const res = await move(scheduled, 'published');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Hay veda electoral vigente: no se pueden difundir piezas de campaña');
    const free = await newPiece({ title: 'Aviso: horario de la feria', kind: 'notice', runsOn: dayPlus(1), runsUntil: dayPlus(5) });
    await toApproved(free);
    expect((await move(free, 'published')).status).toBe(303);
    expect(await t.dataSource.query(`SELECT 1 FROM audit_log WHERE action = 'blackout.exception'`)).toHaveLength(1);
    // The blackout check other modules call answers the same way.
    await expect(t.dataSource.transaction((m) => blackout.check(m, { act: 'send_release', at: new Date(`${dayPlus(21)}T12:00:00-06:00`), actor: { userId: null, label: 'prueba', ip: null }, entityType: 'press_release', entityId: 1 }))).rejects.toMatchObject({
      field: 'exception',
      message: 'blackout.refused.send_release',
    });
    await expect(t.dataSource.transaction((m) => blackout.check(m, { act: 'send_release', at: new Date(), actor: { userId: null, label: 'prueba', ip: null }, entityType: 'press_release', entityId: 1 }))).resolves.toEqual({ verdict: 'allowed' });
    // The calendar shows the pieces and marks the blackout days.
    const month = dayPlus(20).slice(0, 7);
    const cal = await press.get(`/campanas/calendario?mes=${month}`);
    expect(cal.status).toBe(200);
    expect(cal.text).toContain('Veda electoral: Elección municipal');
  });

  it('warns about possible personal promotion (article 134) on a piece', async () => {
    await submitForm(admin, '/admin/veda', '/admin/veda/nombres', { name: 'Rosa Elena Téllez', position: 'Presidenta Municipal' });
    const id = await newPiece({ title: 'Felicitación a las madres', kind: 'greeting', script: 'Gracias a la Presidenta Municipal, las mamás de Tampacán celebran su día. Rosa Elena Téllez les desea lo mejor.' });
    const page = await press.get(`/campanas/piezas/${id}`);
    expect(page.text).toContain('Revisar: posible promoción personalizada (art. 134)');
    expect(page.text).toContain('Nombra a «presidenta municipal» junto a «gracias a»');
    expect(page.text).toContain('Nombra a «Rosa Elena Téllez»');
    const clean = await newPiece({ title: 'Aviso de corte de agua', kind: 'notice', script: 'El H. Ayuntamiento informa que el martes habrá corte de agua en el Centro.' });
    expect((await press.get(`/campanas/piezas/${clean}`)).text).not.toContain('posible promoción personalizada');
  });

  it('warns the same on a press release and on a social post with that text (article 134 is not only for campaigns)', async () => {
    await submitForm(admin, '/admin/veda', '/admin/veda/nombres', { name: 'Rosa Elena Téllez', position: 'Presidenta Municipal' });
    const text = 'Gracias a la Presidenta Municipal, las mamás de Tampacán celebran su día. Rosa Elena Téllez les desea lo mejor.';
    const { PressReleasesService } = await import('../../src/press-releases/press-releases.service');
    const r = await t.app.get(PressReleasesService).create({ title: 'Celebran a las madres', place: 'Tampacán, S.L.P.', releaseDate: '2026-05-10', body: text } as never, { userId: null, label: 'prensa', ip: null, role: 'press' });
    const release = await press.get(`/comunicados/${r.id}`);
    expect(release.text).toContain('Revisar: posible promoción personalizada (art. 134)');
    expect(release.text).toContain('Rosa Elena Téllez');
    const post = await submitForm(press, '/redes/nueva', '/redes', { intent: 'draft', text });
    expect(post.status).toBe(303);
    const shown = await press.get(post.headers.location);
    expect(shown.text).toContain('Revisar: posible promoción personalizada (art. 134)');
    // A plain institutional text gets none.
    const plainPost = await submitForm(press, '/redes/nueva', '/redes', { intent: 'draft', text: 'Mañana inicia la campaña de vacunación en el DIF municipal.' });
    expect((await press.get(plainPost.headers.location)).text).not.toContain('art. 134');
  });
});

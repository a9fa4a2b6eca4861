import { Browser } from 'playwright-core';
import { AgendaEventsService } from '../../src/agenda/agenda-events.service';
import { addDays } from '../../src/agenda/agenda-time';
import { Actor } from '../../src/audit/audit-actor';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { TestSmtpServer } from '../support/smtp';

describe('journey: a liaison proposes, the press office accepts, ranks, assigns, invites, a journalist confirms', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    base = await listen(t);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('goes from proposal to a confirmed journalist on the board, with accessible pages', async () => {
    const dep = await t.factories.department({ name: 'Obras Públicas' });
    const liaison = await t.factories.user('liaison', { departmentId: dep.id, name: 'Ing. Martha Santiago' });
    const press = await t.factories.user('press', { name: 'Carolina Jonguitud' });
    const photographer = await t.factories.user('press', { name: 'Luis Fotógrafo' });
    const actor: Actor = { userId: press.id, label: press.email, ip: null, role: 'press' };
    const dir = t.app.get(MediaDirectoryService);
    const outlet = await dir.saveOutlet(null, { name: 'Radio Huasteca', type: 'radio', active: true }, actor);
    const journalist = await dir.saveContact(null, { name: 'Rocío Martínez', email: 'rocio@radiohuasteca.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: false, listIds: [] }, actor);
    const vetoed = await dir.saveContact(null, { name: 'Pablo Vetado', email: 'pablo@radiohuasteca.mx', outletId: outlet.id, preferredChannel: 'email', doNotContact: true, listIds: [] }, actor);
    await dir.saveList(null, { name: 'Radio local', contactIds: [journalist.id, vetoed.id] }, actor);
    const events = t.app.get(AgendaEventsService);
    const day = addDays(events.today(), 2);
    // Another event the same day, so that ranking has something to do.
    const { EventFormDto } = await import('../../src/agenda/dto/event.dto');
    await events.create(Object.assign(new EventFormDto(), { title: 'Sesión de Cabildo', departmentId: dep.id, kind: 'mayor_agenda', startDate: day, startTime: '09:00', endTime: '10:00', isPublic: true, importance: 5, repeat: 'none', byWeekday: [], allDay: false, scope: 'this' }), actor);

    const problems: string[] = [];
    const axe = async (page: import('playwright-core').Page, name: string) => {
      const v = await axeViolations(page);
      if (v.length) problems.push(`${name}: ${JSON.stringify(v)}`);
    };

    // 1. The liaison proposes an activity, from a phone-sized screen.
    const lctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const lp = await lctx.newPage();
    await browserLogin(lp, base, liaison.email, liaison.password);
    await lp.goto(`${base}/agenda`);
    expect(new URL(lp.url()).pathname).toBe('/agenda/propuestas');
    await axe(lp, 'propuestas (enlace)');
    await lp.getByRole('link', { name: 'Proponer una actividad' }).first().click();
    await axe(lp, 'formulario de propuesta');
    await lp.fill('#f-title', 'Arranque de pavimentación en la calle Zaragoza');
    await lp.selectOption('#f-kind', 'department_activity');
    await lp.fill('#f-startDate', day);
    await lp.fill('#f-startTime', '11:00');
    await lp.fill('#f-endTime', '12:00');
    await lp.fill('#f-place', 'Calle Zaragoza esquina Morelos');
    await lp.selectOption('#f-importance', '4');
    await lp.getByRole('button', { name: 'Enviar propuesta' }).click();
    await lp.waitForURL(/\/agenda\/eventos\/\d+$/);
    await lp.locator('.badge', { hasText: 'Propuesto' }).waitFor();
    const proposalId = Number(/(\d+)$/.exec(lp.url())![1]);

    // 2. The press office accepts it and ranks the day.
    const pctx = await browser.newContext({});
    const pp = await pctx.newPage();
    await browserLogin(pp, base, press.email, press.password);
    await pp.goto(`${base}/agenda/propuestas`);
    await axe(pp, 'propuestas (prensa)');
    await pp.getByRole('link', { name: 'Arranque de pavimentación en la calle Zaragoza' }).click();
    await pp.getByRole('button', { name: 'Aceptar en la agenda' }).click();
    // (State, not flash messages: a flash can lose the race with the redirect on a pooled server.)
    await pp.locator('.badge.ok', { hasText: 'En agenda' }).waitFor();
    await pp.goto(`${base}/agenda?dia=${day}`);
    const titles = () => pp.locator('.rank-title a').allTextContents();
    expect(await titles()).toEqual(['Sesión de Cabildo', 'Arranque de pavimentación en la calle Zaragoza']);
    await pp.getByRole('button', { name: 'Subir «Arranque de pavimentación en la calle Zaragoza» en el orden del día' }).click();
    await pp.locator('.rank-title a').first().filter({ hasText: 'Arranque de pavimentación' }).waitFor();
    expect(await titles()).toEqual(['Arranque de pavimentación en la calle Zaragoza', 'Sesión de Cabildo']);
    await pp.reload();
    expect(await titles()).toEqual(['Arranque de pavimentación en la calle Zaragoza', 'Sesión de Cabildo']);
    await axe(pp, 'agenda del día');
    await screenshot(pp, 'agenda-dia');

    // 3. Assigns a photographer, who gets an email with the .ics.
    await pp.goto(`${base}/agenda/eventos/${proposalId}`);
    await pp.selectOption('#f-type', 'photo');
    await pp.selectOption('#f-assigneeId', String(photographer.id));
    await pp.fill('#f-callTime', '10:30');
    await pp.getByRole('button', { name: 'Asignar', exact: true }).click();
    await pp.locator('.coverage-list', { hasText: 'Luis Fotógrafo' }).waitFor();
    await axe(pp, 'evento');
    await t.app.get(OutboxWorker).drain();
    const assigned = smtp.to(photographer.email);
    expect(assigned).toHaveLength(1);
    expect(assigned[0].parsed.attachments.map((a) => a.filename)).toContain('evento.ics');
    expect(assigned[0].parsed.attachments[0].content.toString()).toContain('SUMMARY:Arranque de pavimentación en la calle Zaragoza');

    // 4. Invites a list.
    await pp.getByRole('link', { name: 'Invitación a medios y confirmaciones' }).click();
    await pp.getByLabel(/Radio local/).check();
    await pp.getByRole('button', { name: 'Enviar invitación' }).click();
    await pp.locator('.board-counts', { hasText: '1 invitados' }).waitFor();
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('pablo@radiohuasteca.mx')).toHaveLength(0);
    const [invite] = smtp.to('rocio@radiohuasteca.mx');
    const link = /http:\/\/[^\s]+\/invitacion\/\d+\/[A-Za-z0-9_-]+/.exec(invite.parsed.text!)![0];

    // 5. The journalist confirms through the link, without an account.
    const jctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const jp = await jctx.newPage();
    await jp.goto(`${base}${new URL(link).pathname}`);
    await axe(jp, 'confirmación (periodista)');
    await jp.getByLabel('Sí, asistiré').check();
    await jp.getByLabel(/Cuántas personas/).fill('2');
    await jp.getByRole('button', { name: 'Enviar respuesta' }).click();
    await jp.getByText('Registramos su respuesta').waitFor();

    // 6. The board shows it.
    await pp.reload();
    await pp.locator('#tablero .badge.ok', { hasText: 'Confirmó' }).waitFor();
    expect(await pp.locator('.board-counts').innerText()).toContain('1 confirmados (2 personas)');
    await axe(pp, 'tablero de confirmaciones');
    await screenshot(pp, 'tablero-invitacion');
    expect(problems).toEqual([]);
  });
});

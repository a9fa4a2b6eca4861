import hbs from 'hbs';
import { CasesService } from '../../src/cases/cases.service';
import { digestEmail } from '../../src/cases/case-emails';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

/** Issue 16 item 24: plurals by ICU rules, usted to citizens, Spanish data kept apart from the interface language. */
describe('words', () => {
  let t: TestApp;
  let categoryId: number;

  beforeAll(async () => {
    t = await createTestApp();
    categoryId = (await seedCategory(t, { name: 'Alumbrado' })).category.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const render = (template: string, lang = 'es') => hbs.handlebars.compile(template)({ lang });

  it('counts with plural rules: one day, today, one proposal', () => {
    expect(render(`{{t 'cases.deadline.left' n=1}}`)).toBe('Queda 1 día hábil');
    expect(render(`{{t 'cases.deadline.left' n=3}}`)).toBe('Quedan 3 días hábiles');
    expect(render(`{{t 'cases.deadline.soon' n=1}}`)).toBe('Por vencer: queda 1 día hábil');
    expect(render(`{{t 'cases.deadline.soon' n=0}}`)).toBe('Vence hoy');
    expect(render(`{{t 'cases.deadline.left' n=0}}`)).toBe('Vence hoy');
    expect(render(`{{t 'cases.deadline.overdue' n=1}}`)).toBe('Vencida hace 1 día hábil');
    expect(render(`{{t 'cases.deadline.overdue' n=4}}`)).toBe('Vencida hace 4 días hábiles');
    expect(render(`{{t 'agenda.day.pending_proposals' n=1}}`)).toBe('Hay 1 propuesta de dependencias por revisar.');
    expect(render(`{{t 'agenda.day.pending_proposals' n=2}}`)).toBe('Hay 2 propuestas de dependencias por revisar.');
    expect(render(`{{t 'cases.deadline.overdue' n=1}}`, 'en')).toBe('Overdue by 1 business day');
  });

  it('writes months and times for people: "diciembre de 2026", 24 h only', () => {
    expect(render(`{{formatMonth '2026-12'}}`)).toBe('diciembre de 2026');
    expect(render(`{{formatMonth '2026-12'}}`, 'en')).toBe('December 2026');
    const evening = hbs.handlebars.compile('{{formatDateTime d}}')({ lang: 'es', d: '2026-12-02T05:24:00Z' });
    expect(evening).toBe('1 dic 2026, 23:24');
    expect(hbs.handlebars.compile('{{formatDateTime d}}')({ lang: 'en', d: '2026-12-02T05:24:00Z' })).not.toMatch(/PM|p\.m\./);
  });

  it("says '1 solicitud vencida' in the department's digest", () => {
    const one = { folio: 'AC-2026-000001', excerpt: 'Bache', dueDate: '2026-12-01' };
    const mail = digestEmail({ publicUrl: 'http://127.0.0.1:3107', municipality: 'Tampacán' }, 'obras@example.mx', { departmentName: 'Obras', day: '2026-12-02', overdue: [one], soon: [] });
    expect(mail.subject).toBe('Obras: 1 solicitud vencida y 0 por vencer');
  });

  it('speaks usted on the citizen form, also when it comes back with errors, and has one field called colonia', async () => {
    const page = await t.agent().get('/solicitudes/nueva');
    const refused = await fileRequest(t.agent(), { type: 'report', categoryId: String(categoryId), description: '', locality: '', contactEmail: 'no-es-correo' });
    expect(refused.status).toBe(422);
    for (const html of [page.text, refused.text]) {
      expect(text(html)).not.toMatch(/\b(revisa|elige|Elige|responde|Responde|escribe|Escribe|intenta|inténtalo|puedes|tienes)\b/);
      const labels = [...html.matchAll(/<label[^>]*>([^<]*)/g)].map((m) => m[1]);
      expect(labels.filter((l) => /colonia/i.test(l))).toHaveLength(1);
    }
  });

  it("keeps stored Spanish labels out of an English page ('Ciudadano(a)', 'Sin especificar (Open311)')", async () => {
    const cases = t.app.get(CasesService);
    const { folio } = await cases.file({ type: 'complaint', categoryId, description: 'Poste apagado', locality: 'Sin especificar (Open311)', consent: true, channel: 'web', privacyVersion: '2026-01' }, [], cases.citizenActor(null));
    const u = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const page = await agent.get(`/casos/${folio}?lang=en`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Ciudadano(a)');
    expect(page.text).not.toContain('Sin especificar (Open311)');
    expect(text(page.text)).toContain('Citizen');
    expect(text(page.text)).toContain('Not specified');
  });

  it("never pluralises the release prefix into 'Boletíns'", async () => {
    const page = await t.agent().get('/sala-de-prensa');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Boletíns');
  });
});

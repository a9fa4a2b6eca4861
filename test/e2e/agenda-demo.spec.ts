import { DemoService } from '../../src/demo/demo.service';
import { createTestApp, login, TestApp } from '../support/app';

describe('demo data of the press office, and every agenda and media page rendered once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds outlets, contacts, lists, a week of ranked agenda, coverages and an invitation with answers', async () => {
    const n = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);
    expect(await n('SELECT count(*)::int AS n FROM media_outlets')).toBe(10);
    expect(await n('SELECT count(*)::int AS n FROM media_contacts')).toBe(20);
    expect(await n('SELECT count(*)::int AS n FROM distribution_lists')).toBe(3);
    expect(await n(`SELECT count(*)::int AS n FROM agenda_events WHERE status = 'proposed'`)).toBe(1);
    expect(await n('SELECT count(*)::int AS n FROM agenda_coverages')).toBe(8);
    expect(await n(`SELECT count(*)::int AS n FROM invitation_recipients WHERE response = 'confirmed'`)).toBe(3);
    expect(await n('SELECT count(*)::int AS n FROM agenda_events WHERE day_rank > 0')).toBeGreaterThan(1);
  });

  it('renders every page to the press office and to the crew', async () => {
    const agent = t.agent();
    await login(agent, 'prensa@tampacan.gob.mx', 'Boletin-045-2026');
    const [{ id: rueda }] = await t.dataSource.query(`SELECT id FROM agenda_events WHERE kind = 'press_conference'`);
    const day = await agent.get('/agenda');
    expect(day.status).toBe(200);
    expect(day.text).toContain('Arranque de obra: pavimentación de la calle Hidalgo');
    for (const path of ['/agenda/semana', '/agenda/mes', '/agenda/lista', '/agenda/propuestas', '/agenda/mis-asignaciones', '/agenda/calendario', '/agenda/importar', `/agenda/eventos/${rueda}`, `/agenda/eventos/${rueda}/editar`, '/agenda/eventos/nuevo',
      '/medios', '/medios/nuevo', '/medios/contactos', '/medios/contactos/nuevo', '/medios/contactos/importar', '/medios/listas', '/medios/listas/nueva', '/medios/invitaciones', '/medios/invitaciones/plantilla', `/medios/invitaciones/evento/${rueda}`]) {
      const res = await agent.get(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
    const board = await agent.get(`/medios/invitaciones/evento/${rueda}`);
    expect(board.text).toMatch(/<strong>3<\/strong> confirmados \(6 personas\)/);
    const crew = t.agent();
    await login(crew, 'foto@tampacan.gob.mx', 'Camara-Huasteca-2026');
    expect((await crew.get('/agenda/mis-asignaciones')).text).toContain('Rueda de prensa: Feria Regional de la Huasteca 2026');
    const liaison = t.agent();
    await login(liaison, 'enlace.obras@tampacan.gob.mx', 'Obras-Huasteca-2026');
    expect((await liaison.get('/agenda/propuestas')).text).toContain('Rehabilitación del puente peatonal');
    expect((await liaison.get('/medios')).status).toBe(403);
  });
});

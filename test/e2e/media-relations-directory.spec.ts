import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';

describe('media directory: outlets, contacts, lists and the CSV import', () => {
  let t: TestApp;
  let agent: ReturnType<TestApp['agent']>;
  const count = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM media_contacts'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    const press = await t.factories.user('press');
    agent = t.agent();
    await login(agent, press.email, press.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the directory to the press office', async () => {
    const liaison = await t.factories.user('liaison');
    const other = t.agent();
    await login(other, liaison.email, liaison.password);
    expect((await other.get('/medios')).status).toBe(403);
    expect((await agent.get('/medios')).status).toBe(200);
  });

  it('registers outlets and contacts, with clear errors beside the field', async () => {
    let res = await submitForm(agent, '/medios/nuevo', '/medios', { name: 'Radio Huasteca', type: 'radio', region: 'Huasteca potosina', reach: '45000', reachKind: 'audience', reachSource: 'Dicho del medio', reachDate: '2026-01-15', active: 'on' });
    expect(res.status).toBe(303);
    res = await submitForm(agent, '/medios/nuevo', '/medios', { name: 'El Sol de la Huasteca', type: 'print', reach: 'mucho', active: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Escribe el alcance como número entero');
    res = await submitForm(agent, '/medios/nuevo', '/medios', { name: 'El Sol de la Huasteca', type: 'print', reach: '8000', reachKind: 'circulation', active: 'on' });
    expect(res.status).toBe(303);

    const outlets: { id: number; name: string }[] = await t.dataSource.query('SELECT id, name FROM media_outlets ORDER BY id');
    res = await submitForm(agent, '/medios/contactos/nuevo', '/medios/contactos', { name: 'Ana López', outletId: String(outlets[0].id), email: 'no-es-correo', preferredChannel: 'email' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Escriba un correo electrónico válido');
    expect(res.text).toContain('value="Ana López"');
    res = await submitForm(agent, '/medios/contactos/nuevo', '/medios/contactos', { name: 'Ana López', outletId: '99999', email: 'ana@radiohuasteca.mx', preferredChannel: 'email' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ese medio no existe en el directorio');
    expect(await count()).toBe(0);
    res = await submitForm(agent, '/medios/contactos/nuevo', '/medios/contactos', { name: 'Ana López', role: 'Reportera', outletId: String(outlets[0].id), email: 'ANA@radiohuasteca.mx', phones: '482 100 2000', preferredChannel: 'email' });
    expect(res.status).toBe(303);
    res = await submitForm(agent, '/medios/contactos/nuevo', '/medios/contactos', { name: 'Otra Ana', email: 'ana@radiohuasteca.mx', preferredChannel: 'email' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Ya hay un contacto con ese correo');
    expect((await agent.get('/medios/contactos')).text).toContain('ana@radiohuasteca.mx');
  });

  async function upload(csv: string | Buffer, listId = '') {
    const page = await agent.get('/medios/contactos/importar');
    return agent.post(`/medios/contactos/importar`).field('_csrf', csrfFrom(page.text)).field('listId', listId).attach('file', typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv, 'contactos.csv');
  }
  const confirm = async (preview: string, skipInvalid = false) => {
    const content = /name="content" value="([^"]+)"/.exec(preview)![1].replace(/&#x3D;/g, '='); // as a browser reads the attribute
    const listId = /name="listId" value="([^"]*)"/.exec(preview)![1];
    return agent.post('/medios/contactos/importar/confirmar').type('form').send({ _csrf: csrfFrom(preview), content, listId, ...(skipInvalid ? { skipInvalid: '1' } : {}) });
  };

  it('previews a CSV with good and bad rows, reports each bad row, and imports nothing half-way', async () => {
    const before = await count();
    const csv = [
      'nombre,cargo,medio,correo,telefonos,fuente,canal,notas,no_contactar',
      'Luis Pérez,Conductor,Radio Huasteca,luis@radiohuasteca.mx,482 100 2001,Política,correo,,',
      'Marta Ruiz,Reportera,El Sol de la Huasteca,marta@elsol.mx,,Cultura,,,',
      'Pedro Inventado,,Diario Que No Existe,pedro@x.mx,,,,,',
      'Rosa Mal,,El Sol de la Huasteca,rosa-arroba-elsol,,,,,',
      'Ana Dos,,,ana@radiohuasteca.mx,,,,,',
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.text).toContain('2 filas correctas y 3 con errores');
    expect(res.text).toContain('El medio no está en el directorio');
    expect(res.text).toContain('El correo no es válido');
    expect(res.text).toContain('Ya existe un contacto con ese correo');
    expect(await count()).toBe(before); // a preview writes nothing

    // Confirming the whole file is refused while it has bad rows: nothing is imported.
    const refused = await confirm(res.text);
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('no se importó nada');
    expect(await count()).toBe(before);

    // The person chooses to import only the good rows: both, in one go.
    const ok = await confirm(res.text, true);
    expect(ok.status).toBe(303);
    expect(await count()).toBe(before + 2);
    const names = (await t.dataSource.query('SELECT name FROM media_contacts ORDER BY name')).map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['Luis Pérez', 'Marta Ruiz']));
    expect(names).not.toContain('Pedro Inventado');

    // The same file again: every row is now a duplicate (by email, or by name and outlet).
    const again = await upload(csv);
    expect(again.text).toContain('0 filas correctas y 5 con errores');
  });

  it('reads a CSV saved by Excel on Windows (Windows-1252), or as UTF-16 or UTF-8 with BOM, with its accents', async () => {
    const rows = ['nombre;cargo;medio;correo', 'José Peña;Reportera «A»;;jose.pena@ejemplo.mx', 'Iñaki Núñez — €;;;inaki@ejemplo.mx'].join('\r\n');
    // Windows-1252 as Excel writes "CSV (delimitado por comas)": é = E9, ñ = F1, « = AB, — = 97, € = 80.
    const cp1252 = Buffer.from(rows.replace('—', '\u0000').replace('€', '\u0001'), 'latin1');
    cp1252[cp1252.indexOf(0)] = 0x97;
    cp1252[cp1252.indexOf(1)] = 0x80;
    for (const [label, file] of [
      ['windows-1252', cp1252],
      ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows, 'utf8')])],
      ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rows, 'utf16le')])],
    ] as const) {
      const res = await upload(file);
      expect([label, res.status]).toEqual([label, 200]);
      expect(res.text).toContain('José Peña');
      expect(res.text).toContain('Iñaki Núñez — €');
      expect(res.text).not.toContain('\ufffd');
    }
    const preview = await upload(cp1252);
    expect(preview.text).toContain('2 filas correctas y 0 con errores');
    const ok = await confirm(preview.text);
    expect(ok.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT name, role FROM media_contacts WHERE email = 'jose.pena@ejemplo.mx'`);
    expect(row).toEqual({ name: 'José Peña', role: 'Reportera «A»' });
  });

  it('refuses a file that is not a CSV with a clear message', async () => {
    const res = await upload('correo;medio\na@b.mx;Radio');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Falta la columna «nombre»');
  });

  it('builds distribution lists, and listRecipients leaves out "no contactar" and contacts without email', async () => {
    const csv = ['nombre,medio,correo,telefonos,no_contactar', 'Jorge Vite,Radio Huasteca,jorge@radiohuasteca.mx,,sí', 'Elena Solo,Radio Huasteca,,482 555 1234,'].join('\n');
    const preview = await upload(csv);
    expect((await confirm(preview.text)).status).toBe(303);
    const ids: { id: number; name: string }[] = await t.dataSource.query('SELECT id, name FROM media_contacts ORDER BY id');
    const res = await submitForm(agent, '/medios/listas/nueva', '/medios/listas', { name: 'Radio local', description: 'Noticieros de radio', contactIds: ids.map((c) => String(c.id)) });
    expect(res.status).toBe(303);
    const lists = await agent.get('/medios/listas');
    expect(lists.text).toContain('Radio local');
    const [{ id: listId }] = await t.dataSource.query(`SELECT id FROM distribution_lists WHERE name = 'Radio local'`);
    const recipients = await t.app.get(MediaDirectoryService).listRecipients(undefined, { listIds: [listId], contactIds: [ids[0].id] });
    const names = recipients.map((r) => r.name);
    expect(names).toContain('Ana López');
    expect(names).not.toContain('Jorge Vite');
    expect(names).not.toContain('Elena Solo');
    expect(new Set(recipients.map((r) => r.id)).size).toBe(recipients.length);
  });
});

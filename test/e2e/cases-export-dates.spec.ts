import ExcelJS from 'exceljs';
import { CasesService } from '../../src/cases/cases.service';
import { createTestApp, login, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

const binary = (r: import('superagent').Request) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/**
 * Issue 16 item 19: exports wrote "2026-12-02T05:24:20.590Z" for a case filed on 1 December at
 * 23:24 in the town hall: Excel could neither sort nor filter it, and it fell in the wrong month.
 * The XLSX has date cells on the local clock; the CSV local date-time text.
 */
describe('case exports write dates as the town hall reads them', () => {
  let t: TestApp;
  let folio: string;

  beforeAll(async () => {
    t = await createTestApp();
    const { category } = await seedCategory(t, { name: 'Bacheo' });
    const cases = t.app.get(CasesService);
    folio = (await cases.file({ type: 'complaint', categoryId: category.id, description: 'Bache en Hidalgo', locality: 'Chuchupe', consent: true, channel: 'web', privacyVersion: '2026-01' }, [], cases.citizenActor(null))).folio;
    await t.dataSource.query(`UPDATE cases SET created_at = '2026-12-02T05:24:20.590Z', due_date = '2026-12-08' WHERE folio = $1`, [folio]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('CSV: local date and time text, the due day as a date', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const csv = await agent.get('/casos/exportar.csv');
    expect(csv.status).toBe(200);
    const row = csv.text.split('\n').find((l) => l.startsWith(folio))!;
    expect(row).toContain(`${folio},2026-12-01 23:24,`);
    expect(row).not.toMatch(/T\d\d:\d\d/);
  });

  it('XLSX: real date cells, on the local clock, with a date format', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const res = await binary(agent.get('/casos/exportar.xlsx'));
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.getWorksheet('Solicitudes')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    let found = false;
    ws.eachRow((row, n) => {
      if (n === 1 || row.getCell(1).value !== folio) return;
      found = true;
      const created = row.getCell(header.indexOf('Recibida') === -1 ? 2 : header.indexOf('Recibida'));
      expect(created.value).toBeInstanceOf(Date);
      expect((created.value as Date).toISOString()).toBe('2026-12-01T23:24:20.000Z'); // an XLSX date has no zone: its fields are the local clock
      expect(created.numFmt).toMatch(/yyyy-mm-dd hh:mm/);
      const due = row.getCell(header.findIndex((h) => /compromiso|Plazo|Vence/i.test(h)));
      expect(due.value).toBeInstanceOf(Date);
      expect((due.value as Date).toISOString()).toBe('2026-12-08T00:00:00.000Z');
    });
    expect(found).toBe(true);
  });
});

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CampaignsService } from '../../src/agreements/campaigns/campaigns.service';
import { AgreementsService } from '../../src/agreements/contracts/agreements.service';
import { COLUMN_DEFS } from '../../src/agreements/transparency/transparency-format';
import { TransparencyService } from '../../src/agreements/transparency/transparency.service';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, login, submitForm, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';

describe('transparency: the quarterly spending export and the obligations with reminders', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let press: ReturnType<TestApp['agent']>;
  let pressEmail: string;

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    const p = await t.factories.user('press');
    pressEmail = p.email;
    press = t.agent();
    await login(press, p.email, p.password);

    const media = t.app.get(MediaDirectoryService);
    const agreements = t.app.get(AgreementsService);
    const radio = await media.saveOutlet(null, { name: 'Radio Huasteca', type: 'radio', active: true } as never, SYSTEM_ACTOR);
    const paper = await media.saveOutlet(null, { name: 'El Sol de la Huasteca', type: 'print', active: true } as never, SYSTEM_ACTOR);
    const line = await agreements.saveLine(null, { year: 2026, code: '3611', name: 'Difusión de mensajes sobre programas y actividades gubernamentales', assigned: 500000, modified: 450000 }, SYSTEM_ACTOR);
    const campaign = await t.app.get(CampaignsService).saveCampaign(null, { name: 'Vacunación de temporada 2026', type: 'health', topic: 'Vacunación', objective: 'Informar dónde y cuándo vacunarse contra la influenza.', startsOn: '2026-03-01', endsOn: '2026-06-30' }, SYSTEM_ACTOR);
    const base = { supplierName: '', supplierRfc: '', object: '', subtotal: 0, startsOn: '', endsOn: '', budgetLineId: line.id, campaignId: campaign.id, requestingArea: 'Dirección de Comunicación Social', procedure: 'direct_award', serviceClassification: 'dissemination', overBudgetAck: false };
    const make = async (over: Partial<typeof base> & { outletId: number }, status: string, contract: [string, string] | null) => {
      const a = await agreements.save(null, { ...base, ...over } as never, SYSTEM_ACTOR);
      await t.dataSource.query('UPDATE media_agreements SET status = $2, contract_number = $3, contract_date = $4 WHERE id = $1', [a.id, status, contract?.[0] ?? null, contract?.[1] ?? null]);
      return a.id;
    };
    const spots = await make({ outletId: radio.id, supplierName: 'Radiodifusora Huasteca, S.A. de C.V.', supplierRfc: 'RHU970714AB7', object: '40 spots de la campaña de vacunación', subtotal: 20000, startsOn: '2026-03-15', endsOn: '2026-05-31', serviceType: 'Spots de radio' } as never, 'active', ['CS-2026-007', '2026-03-10']);
    const inserts = await make({ outletId: paper.id, supplierName: 'Editora del Sol, S.A. de C.V.', supplierRfc: 'ESO850101XY6', object: 'Dos inserciones de media plana', subtotal: 10000, startsOn: '2026-04-01', endsOn: '2026-04-30', serviceType: 'Inserciones en prensa' } as never, 'active', ['CS-2026-009', '2026-03-28']);
    await make({ outletId: paper.id, supplierName: 'Editora del Sol, S.A. de C.V.', supplierRfc: 'ESO850101XY6', object: 'Propuesta aún en análisis', subtotal: 5000, startsOn: '2026-04-01', endsOn: '2026-06-30' } as never, 'analysis', null);
    await make({ outletId: radio.id, supplierName: 'Radiodifusora Huasteca, S.A. de C.V.', supplierRfc: 'RHU970714AB7', object: 'Spots del tercer trimestre', subtotal: 8000, startsOn: '2026-07-01', endsOn: '2026-09-30' } as never, 'signed', ['CS-2026-015', '2026-06-25']);
    const pay = (id: number, invoiceNumber: string, amount: number, paidOn: string) => agreements.recordPayment(id, { invoiceNumber, invoiceDate: paidOn, amount, paidOn } as never, undefined, SYSTEM_ACTOR);
    await pay(spots, 'A-1187', 11600, '2026-04-10');
    await pay(spots, 'A-1240', 11600, '2026-07-05'); // after the quarter: not "paid to the period"
    await pay(inserts, 'F-301', 5800, '2026-04-05');
    await pay(inserts, 'F-322', 5800, '2026-04-28');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    delete process.env.SMTP_URL;
  });

  it('exports the quarter as XLSX with one row per contract and its campaign, and the right totals', async () => {
    const res = await press.get('/transparencia/exportar.xlsx?anio=2026&trimestre=2').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(COLUMN_DEFS.map((c) => c.header));
    const col = (key: string) => COLUMN_DEFS.findIndex((c) => c.key === key) + 1;
    expect(ws.rowCount).toBe(4); // header, two contracts, totals
    const rows = [2, 3].map((n) => ws.getRow(n));
    expect(rows.map((r) => r.getCell(col('contract_number')).value)).toEqual(['CS-2026-007', 'CS-2026-009']); // by contract date
    const spots = rows.find((r) => r.getCell(col('contract_number')).value === 'CS-2026-007')!;
    expect(spots.getCell(col('quarter_start')).value).toBe('2026-04-01');
    expect(spots.getCell(col('quarter_end')).value).toBe('2026-06-30');
    expect(spots.getCell(col('supplier_rfc')).value).toBe('RHU970714AB7');
    expect(spots.getCell(col('campaign_name')).value).toBe('Vacunación de temporada 2026');
    expect(spots.getCell(col('topic')).value).toBe('Vacunación');
    expect(spots.getCell(col('medium')).value).toBe('Radio');
    expect(spots.getCell(col('procedure')).value).toBe('Adjudicación directa');
    expect(spots.getCell(col('contract_total')).value).toBe(23200);
    expect(spots.getCell(col('amount_paid')).value).toBe(11600);
    expect(spots.getCell(col('invoice_numbers')).value).toBe('A-1187');
    expect(spots.getCell(col('budget_assigned')).value).toBe(500000);
    expect(spots.getCell(col('budget_modified')).value).toBe(450000);
    expect(spots.getCell(col('budget_spent')).value).toBe(23200); // 11,600 + 5,800 + 5,800 paid on the line by 30 June
    const inserts = rows.find((r) => r.getCell(col('contract_number')).value === 'CS-2026-009')!;
    expect(inserts.getCell(col('invoice_numbers')).value).toBe('F-301, F-322');
    const totals = ws.getRow(4);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(col('contract_total')).value).toBe(34800);
    expect(totals.getCell(col('amount_paid')).value).toBe(23200);
    const page = await press.get('/transparencia?anio=2026&trimestre=2');
    expect(page.text).toContain('2 contratos');
    expect(page.text).toContain('monto total $34,800.00; pagado al periodo $23,200.00');
  });

  it('exports the same rows as CSV, and follows the configured columns', async () => {
    let res = await press.get('/transparencia/exportar.csv?anio=2026&trimestre=2');
    expect(res.status).toBe(200);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    let records: string[][] = parse(res.text.slice(1));
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual(COLUMN_DEFS.map((c) => c.header));
    const total = COLUMN_DEFS.findIndex((c) => c.key === 'contract_total');
    expect(records.slice(1).map((r) => r[total]).sort()).toEqual(['11600.00', '23200.00']);

    // Put the invoice first with a new header, leave the topic out.
    const lines = COLUMN_DEFS.filter((c) => c.key !== 'topic' && c.key !== 'invoice_numbers').map((c) => `${c.key} | ${c.header}`);
    const bad = await submitForm(press, '/transparencia/columnas', '/transparencia/columnas', { columns: ['invoice_numbers | Factura(s) CFDI', 'no_existe | X', ...lines].join('\n') });
    expect(bad.status).toBe(422);
    expect(bad.text).toMatch(/id="f-columns-error">Hay una clave de columna que no existe/);
    const ok = await submitForm(press, '/transparencia/columnas', '/transparencia/columnas', { columns: ['invoice_numbers | Factura(s) CFDI', ...lines].join('\n') });
    expect(ok.status).toBe(303);
    res = await press.get('/transparencia/exportar.csv?anio=2026&trimestre=2');
    records = parse(res.text.slice(1));
    expect(records[0][0]).toBe('Factura(s) CFDI');
    expect(records[0]).not.toContain('Tema de la campaña o aviso institucional');
    expect(records[0]).toHaveLength(COLUMN_DEFS.length - 1);
    expect(records.slice(1).map((r) => r[0]).sort()).toEqual(['A-1187', 'F-301, F-322']);
    await submitForm(press, '/transparencia/columnas', '/transparencia/columnas/restablecer', {});
    expect(parse((await press.get('/transparencia/exportar.csv?anio=2026&trimestre=2')).text.slice(1))[0]).toEqual(COLUMN_DEFS.map((c) => c.header));
  });

  it('a supplier name or area written as a formula leaves the CSV as text, and the XLSX as a string (L4)', async () => {
    await t.dataSource.query(`UPDATE media_agreements SET supplier_name = '=HYPERLINK("http://127.0.0.1/?"&A1,"Ver")', requesting_area = '@SUM(1+1)' WHERE contract_number = 'CS-2026-007'`);
    const records: string[][] = parse((await press.get('/transparencia/exportar.csv?anio=2026&trimestre=2')).text.slice(1));
    const supplier = COLUMN_DEFS.findIndex((c) => c.key === 'supplier_name');
    const area = COLUMN_DEFS.findIndex((c) => c.key === 'requesting_area');
    const row = records.find((r) => r[supplier].includes('HYPERLINK'))!;
    expect(row[supplier]).toBe(`'=HYPERLINK("http://127.0.0.1/?"&A1,"Ver")`);
    expect(row[area]).toBe(`'@SUM(1+1)`);
    expect(records.flat().filter((v) => /^[=+@\t\r]/.test(v) || /^-\D/.test(v))).toEqual([]);
    const xlsx = await press.get('/transparencia/exportar.xlsx?anio=2026&trimestre=2').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => void cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect(cells.some((c) => c.value === '=HYPERLINK("http://127.0.0.1/?"&A1,"Ver")' && c.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it('sends the reminder before each quarterly due date to the press office through the outbox, once', async () => {
    const res = await submitForm(press, '/transparencia', '/transparencia/obligaciones', { title: 'Gasto en comunicación social', legalBasis: 'LGTAIP art. 70, fr. XXIII', daysAfterQuarter: '30', remindDaysBefore: '7', notifyEmail: '', active: 'on' });
    expect(res.status).toBe(303);
    const transparency = t.app.get(TransparencyService);
    expect(await transparency.sendDueReminders('2026-04-22')).toBe(0); // eight days before: not yet
    expect(await transparency.sendDueReminders('2026-04-23')).toBe(1);
    expect(await transparency.sendDueReminders('2026-04-24')).toBe(0); // once per due date
    await t.app.get(OutboxWorker).drain();
    const mails = smtp.to(pressEmail);
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe('Recordatorio de transparencia: Gasto en comunicación social, 1.º trimestre de 2026, vence el 2026-04-30');
    expect(mails[0].parsed.text).toContain('/transparencia?anio=2026&trimestre=1');
    // Filed before the next window: no reminder for it.
    const [{ id }] = await t.dataSource.query('SELECT id FROM transparency_obligations');
    await transparency.markFiled(id, '2026-07-30', SYSTEM_ACTOR);
    expect(await transparency.sendDueReminders('2026-07-25')).toBe(0);
    expect(await transparency.sendDueReminders('2026-10-25')).toBe(1);
  });
});

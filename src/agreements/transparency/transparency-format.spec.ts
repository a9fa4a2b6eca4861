import { COLUMN_DEFS, defaultSettings, dueDates, exportColumns, nextDue, quarterOf, quarterRange, remindersDue } from './transparency-format';

describe('transparency format', () => {
  it('knows the quarters', () => {
    expect(quarterRange(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(quarterRange(2028, 1).to).toBe('2028-03-31');
    expect(quarterRange(2026, 4)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2026-05-31')).toBe(2);
  });

  it('computes due dates 30 days after each quarter, and the reminder window before each', () => {
    expect(dueDates(2026, 30).map((d) => d.dueOn)).toEqual(['2026-04-30', '2026-07-30', '2026-10-30', '2027-01-30']);
    const ob = { daysAfterQuarter: 30, remindDaysBefore: 7 };
    expect(remindersDue('2026-04-22', ob)).toEqual([]);
    expect(remindersDue('2026-04-23', ob)).toEqual([{ quarter: 1, year: 2026, dueOn: '2026-04-30' }]);
    expect(remindersDue('2026-04-30', ob)).toHaveLength(1);
    expect(remindersDue('2026-05-01', ob)).toEqual([]);
    // The fourth quarter of last year falls due in January.
    expect(remindersDue('2027-01-25', ob)).toEqual([{ quarter: 4, year: 2026, dueOn: '2027-01-30' }]);
    expect(nextDue('2026-05-01', 30)).toEqual({ quarter: 2, year: 2026, dueOn: '2026-07-30' });
  });

  it('exports the enabled columns in the stored order with the stored headers', () => {
    expect(exportColumns([]).map((c) => c.key)).toEqual(COLUMN_DEFS.map((c) => c.key));
    const s = defaultSettings();
    s.find((c) => c.key === 'invoice_numbers')!.position = 0;
    s.find((c) => c.key === 'invoice_numbers')!.header = 'Factura(s)';
    s.find((c) => c.key === 'topic')!.enabled = false;
    const cols = exportColumns(s);
    expect(cols[0]).toMatchObject({ key: 'invoice_numbers', header: 'Factura(s)' });
    expect(cols.map((c) => c.key)).not.toContain('topic');
    expect(cols).toHaveLength(COLUMN_DEFS.length - 1);
  });
});

describe('the edited column list', () => {
  it('reads order, headers and omissions, and refuses unknown or repeated keys', async () => {
    const { parseColumnsText, columnsText } = await import('./transparency-format');
    const r = parseColumnsText('invoice_numbers | Factura(s) CFDI\n\ncontract_total\nsupplier_rfc | RFC');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const enabled = r.settings.filter((s) => s.enabled);
    expect(enabled.map((s) => [s.key, s.header])).toEqual([['invoice_numbers', 'Factura(s) CFDI'], ['contract_total', 'Monto total del contrato'], ['supplier_rfc', 'RFC']]);
    expect(r.settings).toHaveLength(COLUMN_DEFS.length);
    expect(columnsText(r.settings)).toBe('invoice_numbers | Factura(s) CFDI\ncontract_total | Monto total del contrato\nsupplier_rfc | RFC');
    expect(parseColumnsText('nope | X')).toEqual({ ok: false, error: 'transparency.validation.unknown_column' });
    expect(parseColumnsText('year\nyear')).toEqual({ ok: false, error: 'transparency.validation.repeated_column' });
    expect(parseColumnsText('  \n ')).toEqual({ ok: false, error: 'transparency.validation.no_columns' });
  });
});

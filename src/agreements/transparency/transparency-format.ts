/**
 * The quarterly format of social-communication spending (LGTAIP art. 70, fracción XXIII;
 * Ley de Transparencia y Acceso a la Información Pública del Estado de San Luis Potosí mirrors
 * it), as pure rules: the columns that can be exported, quarters and due dates.
 */
export interface TransparencyRow {
  quarterStart: string;
  quarterEnd: string;
  requestingArea: string;
  serviceClassification: string;
  serviceType: string;
  medium: string;
  campaignName: string;
  year: number;
  topic: string;
  objective: string;
  supplierName: string;
  supplierRfc: string;
  procedure: string;
  legalBasis: string;
  budgetLine: string;
  budgetAssigned: number | null;
  budgetModified: number | null;
  budgetSpent: number | null;
  contractDate: string;
  contractNumber: string;
  contractObject: string;
  contractTotal: number;
  amountPaid: number;
  serviceStart: string;
  serviceEnd: string;
  invoiceNumbers: string;
}

export type ColumnKind = 'text' | 'date' | 'money' | 'int';

export interface ColumnDef {
  key: string;
  header: string;
  kind: ColumnKind;
  value: (r: TransparencyRow) => string | number | null;
  /** Summed in the totals row. */
  total?: boolean;
}

/** Every column the export knows, in the order of the official format, with its official header. */
export const COLUMN_DEFS: ColumnDef[] = [
  { key: 'quarter_start', header: 'Fecha de inicio del periodo que se informa', kind: 'date', value: (r) => r.quarterStart },
  { key: 'quarter_end', header: 'Fecha de término del periodo que se informa', kind: 'date', value: (r) => r.quarterEnd },
  { key: 'requesting_area', header: 'Área solicitante', kind: 'text', value: (r) => r.requestingArea },
  { key: 'service_classification', header: 'Clasificación del(los) servicio(s)', kind: 'text', value: (r) => r.serviceClassification },
  { key: 'service_type', header: 'Tipo de servicio', kind: 'text', value: (r) => r.serviceType },
  { key: 'medium', header: 'Tipo de medio', kind: 'text', value: (r) => r.medium },
  { key: 'campaign_name', header: 'Nombre de la campaña o aviso institucional', kind: 'text', value: (r) => r.campaignName },
  { key: 'year', header: 'Año de la campaña', kind: 'int', value: (r) => r.year },
  { key: 'topic', header: 'Tema de la campaña o aviso institucional', kind: 'text', value: (r) => r.topic },
  { key: 'objective', header: 'Objetivo institucional', kind: 'text', value: (r) => r.objective },
  { key: 'supplier_name', header: 'Razón social del proveedor', kind: 'text', value: (r) => r.supplierName },
  { key: 'supplier_rfc', header: 'Registro Federal de Contribuyentes (RFC) del proveedor', kind: 'text', value: (r) => r.supplierRfc },
  { key: 'procedure', header: 'Procedimiento de contratación', kind: 'text', value: (r) => r.procedure },
  { key: 'legal_basis', header: 'Fundamento jurídico del proceso de contratación', kind: 'text', value: (r) => r.legalBasis },
  { key: 'budget_line', header: 'Partida genérica', kind: 'text', value: (r) => r.budgetLine },
  { key: 'budget_assigned', header: 'Presupuesto asignado por partida', kind: 'money', value: (r) => r.budgetAssigned },
  { key: 'budget_modified', header: 'Presupuesto modificado por partida', kind: 'money', value: (r) => r.budgetModified },
  { key: 'budget_spent', header: 'Presupuesto ejercido al periodo reportado de cada partida', kind: 'money', value: (r) => r.budgetSpent },
  { key: 'contract_date', header: 'Fecha de firma del contrato', kind: 'date', value: (r) => r.contractDate },
  { key: 'contract_number', header: 'Número o referencia de identificación del contrato', kind: 'text', value: (r) => r.contractNumber },
  { key: 'contract_object', header: 'Objeto del contrato', kind: 'text', value: (r) => r.contractObject },
  { key: 'contract_total', header: 'Monto total del contrato', kind: 'money', value: (r) => r.contractTotal, total: true },
  { key: 'amount_paid', header: 'Monto pagado al periodo publicado', kind: 'money', value: (r) => r.amountPaid, total: true },
  { key: 'service_start', header: 'Fecha de inicio de los servicios contratados', kind: 'date', value: (r) => r.serviceStart },
  { key: 'service_end', header: 'Fecha de término de los servicios contratados', kind: 'date', value: (r) => r.serviceEnd },
  { key: 'invoice_numbers', header: 'Número de factura', kind: 'text', value: (r) => r.invoiceNumbers },
];

export interface ColumnSetting {
  key: string;
  header: string;
  position: number;
  enabled: boolean;
}

/** The columns to export: the stored settings (or the defaults), enabled ones, in their order. */
export function exportColumns(settings: readonly ColumnSetting[]): (ColumnDef & { header: string })[] {
  const byKey = new Map(settings.map((s) => [s.key, s]));
  return COLUMN_DEFS.map((def, i) => ({ def, s: byKey.get(def.key) ?? { key: def.key, header: def.header, position: i + 1, enabled: true } }))
    .filter(({ s }) => s.enabled)
    .sort((a, b) => a.s.position - b.s.position || COLUMN_DEFS.indexOf(a.def) - COLUMN_DEFS.indexOf(b.def))
    .map(({ def, s }) => ({ ...def, header: s.header }));
}

export const defaultSettings = (): ColumnSetting[] => COLUMN_DEFS.map((d, i) => ({ key: d.key, header: d.header, position: i + 1, enabled: true }));

/** First and last day of a quarter (1–4). */
export function quarterRange(year: number, quarter: number): { from: string; to: string } {
  const startMonth = (quarter - 1) * 3 + 1;
  const end = new Date(Date.UTC(year, startMonth + 2, 0));
  return { from: `${year}-${String(startMonth).padStart(2, '0')}-01`, to: end.toISOString().slice(0, 10) };
}

export const quarterOf = (day: string) => Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The four due dates of a quarterly obligation in a year: the quarter's last day plus `daysAfter`. */
export function dueDates(year: number, daysAfter: number): { quarter: number; year: number; dueOn: string }[] {
  return [1, 2, 3, 4].map((q) => ({ quarter: q, year, dueOn: addDays(quarterRange(year, q).to, daysAfter) }));
}

/** The due dates whose reminder window [dueOn − remindDaysBefore, dueOn] contains `today`. */
export function remindersDue(today: string, ob: { daysAfterQuarter: number; remindDaysBefore: number }): { quarter: number; year: number; dueOn: string }[] {
  const y = Number(today.slice(0, 4));
  return [...dueDates(y - 1, ob.daysAfterQuarter), ...dueDates(y, ob.daysAfterQuarter)].filter((d) => addDays(d.dueOn, -ob.remindDaysBefore) <= today && today <= d.dueOn);
}

/** The next due date on or after `today`. */
export function nextDue(today: string, daysAfterQuarter: number): { quarter: number; year: number; dueOn: string } {
  const y = Number(today.slice(0, 4));
  return [...dueDates(y - 1, daysAfterQuarter), ...dueDates(y, daysAfterQuarter), ...dueDates(y + 1, daysAfterQuarter)].find((d) => d.dueOn >= today)!;
}

/** The stored columns as the person edits them: one line per exported column, "key | header", in order. */
export function columnsText(settings: readonly ColumnSetting[]): string {
  return [...settings].filter((s) => s.enabled).sort((a, b) => a.position - b.position).map((s) => `${s.key} | ${s.header}`).join('\n');
}

/**
 * Read the edited list back: the order of the lines is the order of the columns, a missing
 * header takes the official one, a key left out is not exported. Errors are i18n keys.
 */
export function parseColumnsText(text: string): { ok: true; settings: ColumnSetting[] } | { ok: false; error: string } {
  const defs = new Map(COLUMN_DEFS.map((d) => [d.key, d]));
  const lines = text.replace(/\u0000/g, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > COLUMN_DEFS.length * 2) return { ok: false, error: 'transparency.validation.too_many' };
  const seen = new Set<string>();
  const chosen: ColumnSetting[] = [];
  for (const line of lines) {
    const bar = line.indexOf('|');
    const key = (bar < 0 ? line : line.slice(0, bar)).trim().toLowerCase();
    const header = bar < 0 ? '' : line.slice(bar + 1).trim();
    if (!defs.has(key)) return { ok: false, error: 'transparency.validation.unknown_column' };
    if (seen.has(key)) return { ok: false, error: 'transparency.validation.repeated_column' };
    if (header.length > 300) return { ok: false, error: 'transparency.validation.header' };
    seen.add(key);
    chosen.push({ key, header: header || defs.get(key)!.header, position: chosen.length + 1, enabled: true });
  }
  if (!chosen.length) return { ok: false, error: 'transparency.validation.no_columns' };
  const rest = COLUMN_DEFS.filter((d) => !seen.has(d.key)).map((d, i) => ({ key: d.key, header: d.header, position: chosen.length + i + 1, enabled: false }));
  return { ok: true, settings: [...chosen, ...rest] };
}

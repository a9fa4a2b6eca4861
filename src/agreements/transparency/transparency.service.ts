import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { I18nService } from 'nestjs-i18n';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { UsersService } from '../../auth/users.service';
import { Clock } from '../../common/clock';
import { FieldError } from '../../common/forms';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { OutboxService } from '../../notifications/outbox.service';
import { localDay } from '../blackout/blackout-rules';
import { ColumnSetting, COLUMN_DEFS, defaultSettings, exportColumns, nextDue, quarterRange, remindersDue, TransparencyRow } from './transparency-format';
import { TransparencyRepository } from './transparency.repository';
import { safeCell } from '../../common/spreadsheet-cells';

export interface ObligationInput {
  title: string;
  legalBasis: string;
  daysAfterQuarter: number;
  remindDaysBefore: number;
  notifyEmail?: string;
  active: boolean;
}

/** The quarterly spending export (XLSX, CSV), its configurable columns, and the office's obligations with reminders. */
@Injectable()
export class TransparencyService {
  private readonly logger = new Logger('Transparency');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: TransparencyRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly users: UsersService,
    private readonly i18n: I18nService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return localDay(this.clock.now(), this.config.TIMEZONE);
  }

  private es(key: string): string {
    return this.i18n.t(key as never, { lang: 'es' }) as string;
  }

  /** One row per contract (with its campaign) whose service period touches the quarter. */
  async rows(year: number, quarter: number): Promise<TransparencyRow[]> {
    const { from, to } = quarterRange(year, quarter);
    const raw = await this.repo.spending(from, to);
    return raw.map((r) => ({
      quarterStart: from,
      quarterEnd: to,
      requestingArea: r.requestingArea,
      serviceClassification: this.es(`agreements.classification.${r.serviceClassification}`),
      serviceType: r.serviceType ?? '',
      medium: this.es(`media.outlet_type.${r.outletType}`),
      campaignName: r.campaignName ?? '',
      year: r.campaignYear ?? r.year,
      topic: r.topic ?? '',
      objective: r.objective ?? '',
      supplierName: r.supplierName,
      supplierRfc: r.supplierRfc,
      procedure: this.es(`agreements.procedure.${r.procedure}`),
      legalBasis: r.legalBasis ?? '',
      budgetLine: r.lineCode ? `${r.lineCode} ${r.lineName}` : '',
      budgetAssigned: r.assigned,
      budgetModified: r.modified ?? r.assigned,
      budgetSpent: r.lineSpent,
      contractDate: r.contractDate ?? '',
      contractNumber: r.contractNumber ?? '',
      contractObject: r.object,
      contractTotal: r.total,
      amountPaid: r.paid,
      serviceStart: r.startsOn,
      serviceEnd: r.endsOn,
      invoiceNumbers: r.invoices ?? '',
    }));
  }

  // Columns
  async columnSettings(): Promise<ColumnSetting[]> {
    const stored = await this.repo.columns();
    if (!stored.length) return defaultSettings();
    const byKey = new Map(stored.map((c) => [c.key, c]));
    // A column added to the code after the settings were saved appears at the end, enabled.
    return COLUMN_DEFS.map((d, i) => byKey.get(d.key) ?? { key: d.key, header: d.header, position: 100 + i, enabled: true }).sort((a, b) => a.position - b.position);
  }

  async saveColumns(settings: ColumnSetting[], actor: Actor): Promise<void> {
    const known = new Set(COLUMN_DEFS.map((d) => d.key));
    if (settings.some((s) => !known.has(s.key))) throw new FieldError('columns', 'transparency.validation.unknown_column');
    if (!settings.some((s) => s.enabled)) throw new FieldError('columns', 'transparency.validation.no_columns');
    // Ties in position keep the official order; positions are renumbered 1..n.
    const ordered = [...settings].sort((a, b) => a.position - b.position || COLUMN_DEFS.findIndex((d) => d.key === a.key) - COLUMN_DEFS.findIndex((d) => d.key === b.key));
    await this.dataSource.transaction(async (m) => {
      await this.repo.replaceColumns(ordered.map((s, i) => ({ key: s.key, header: s.header, position: i + 1, enabled: s.enabled })), m);
      await this.audit.record(actor, { action: 'transparency.columns', entityType: 'transparency_columns', entityId: null, details: { columns: ordered.filter((s) => s.enabled).map((s) => s.key) } }, m);
    });
  }

  async resetColumns(actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.repo.replaceColumns([], m);
      await this.audit.record(actor, { action: 'transparency.columns_reset', entityType: 'transparency_columns', entityId: null }, m);
    });
  }

  // Exports
  async xlsx(year: number, quarter: number): Promise<Buffer> {
    const cols = exportColumns(await this.columnSettings());
    const rows = await this.rows(year, quarter);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Cabildo';
    wb.created = this.clock.now();
    const ws = wb.addWorksheet(`Fracción XXIII ${year}-T${quarter}`.slice(0, 31));
    ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.kind === 'text' ? 32 : 16 }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
    for (const r of rows) ws.addRow(Object.fromEntries(cols.map((c) => [c.key, c.value(r) ?? null])));
    if (rows.length) {
      const totals: Record<string, unknown> = {};
      cols.forEach((c, i) => {
        if (c.total) totals[c.key] = Math.round(rows.reduce((s, r) => s + Number(c.value(r) ?? 0), 0) * 100) / 100;
        else if (i === 0) totals[c.key] = 'Total';
      });
      const row = ws.addRow(totals);
      row.font = { bold: true };
    }
    cols.forEach((c, i) => {
      if (c.kind === 'money') ws.getColumn(i + 1).numFmt = '#,##0.00';
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async csv(year: number, quarter: number): Promise<string> {
    const cols = exportColumns(await this.columnSettings());
    const rows = await this.rows(year, quarter);
    const data = rows.map((r) => cols.map((c) => {
      const v = c.value(r);
      return c.kind === 'money' && v != null ? Number(v).toFixed(2) : safeCell(v ?? '');
    }));
    // A byte-order mark so that spreadsheet programs read the accents as UTF-8. No cell (nor a
    // header the office wrote) may start a formula: the same rule as the cases export.
    return '\uFEFF' + stringify([cols.map((c) => safeCell(c.header)), ...data]);
  }

  // Obligations
  async obligations() {
    const today = this.today();
    const periods = await this.repo.periods();
    return (await this.repo.obligations()).map((o) => {
      const next = nextDue(today, o.daysAfterQuarter);
      const p = periods.find((x) => x.obligationId === o.id && x.dueOn === next.dueOn);
      return { ...o, next, remindedAt: p?.remindedAt ?? null, filedAt: p?.filedAt ?? null, filedBy: p?.filedBy ?? null };
    });
  }

  async saveObligation(id: number | null, input: ObligationInput, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      const fields = { ...input, notifyEmail: input.notifyEmail ?? null };
      if (id === null) {
        const o = await this.repo.saveObligation(fields, m);
        await this.audit.record(actor, { action: 'transparency_obligation.create', entityType: 'transparency_obligation', entityId: o.id, details: fields }, m);
        return o;
      }
      const o = await this.repo.findObligation(id, m);
      if (!o) throw new NotFoundException();
      Object.assign(o, fields);
      await this.repo.saveObligation(o, m);
      await this.audit.record(actor, { action: 'transparency_obligation.update', entityType: 'transparency_obligation', entityId: id, details: fields }, m);
      return o;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async markFiled(id: number, dueOn: string, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const o = await this.repo.findObligation(id, m);
      if (!o) throw new NotFoundException();
      await this.repo.markFiled(id, dueOn, actor.label, m);
      await this.audit.record(actor, { action: 'transparency_obligation.filed', entityType: 'transparency_obligation', entityId: id, details: { dueOn } }, m);
    });
  }

  /**
   * Send the reminder of every obligation whose due date is within its reminder window, once
   * per due date (even with several instances), to its address or to every active press user.
   * Returns how many reminders were queued. Called daily by the timer, and by tests.
   */
  async sendDueReminders(today = this.today()): Promise<number> {
    const obligations = (await this.repo.obligations()).filter((o) => o.active);
    const due = obligations.flatMap((o) => remindersDue(today, o).map((d) => ({ o, d })));
    if (!due.length) return 0;
    const press = (await this.users.listActive({ role: 'press' })).map((u) => u.email);
    let sent = 0;
    for (const { o, d } of due) {
      const to = o.notifyEmail ? [o.notifyEmail] : press;
      if (!to.length) continue;
      await this.dataSource.transaction(async (m) => {
        if (!(await this.repo.claimReminder(o.id, d.dueOn, m))) return;
        const subject = `Recordatorio de transparencia: ${o.title}, ${d.quarter}.º trimestre de ${d.year}, vence el ${d.dueOn}`;
        const text = [
          `Buen día:`,
          ``,
          `El ${d.dueOn} vence la obligación «${o.title}» (${o.legalBasis}) correspondiente al ${d.quarter}.º trimestre de ${d.year}.`,
          `El formato de gasto en comunicación social se descarga en ${this.config.PUBLIC_URL}/transparencia?anio=${d.year}&trimestre=${d.quarter}`,
          `Cuando la información esté publicada en el portal, márquela como presentada en Cabildo.`,
          ``,
          `Cabildo · Dirección de Comunicación Social`,
        ].join('\n');
        for (const address of to) await this.outbox.enqueueEmail(m, { to: address, subject, text }, `transparency_obligation:${o.id}:${d.dueOn}`);
        await this.audit.record(SYSTEM_ACTOR, { action: 'transparency_obligation.reminder', entityType: 'transparency_obligation', entityId: o.id, details: { dueOn: d.dueOn, to } }, m);
        sent++;
      });
    }
    if (sent) this.logger.log(`${sent} recordatorios de transparencia en cola`);
    return sent;
  }
}

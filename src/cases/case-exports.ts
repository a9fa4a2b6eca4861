import { Inject, Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { localDateTimeText, wallClockAsUtc } from '../common/local-time';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { InboxService } from './inbox.service';
import { safeCell } from '../common/spreadsheet-cells';

type Row = Awaited<ReturnType<InboxService['all']> extends AsyncGenerator<infer R> ? R : never>;

/**
 * The filtered list as CSV or XLSX, without contact data. Staff who attend the cases (/casos)
 * also get the start of each description; the statistics exports (the director's) get no text
 * a citizen wrote: the privacy notice promises statistics that identify no one.
 */
export type ExportAudience = 'staff' | 'statistics';

/** A column's kind: an instant (shown on the town hall's clock), a calendar day, or anything else. */
type Kind = 'instant' | 'day' | 'text';
type Column = { header: string; kind: Kind; value: (r: Row) => string | number | Date | null };

@Injectable()
export class CaseExports {
  constructor(
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private columns(audience: ExportAudience): Column[] {
    const t = (k: string) => this.i18n.t(k, { lang: 'es' }) as string;
    const text = (header: string, value: Column['value']): Column => ({ header, kind: 'text', value });
    return [
      text(t('cases.col.folio'), (r: Row) => r.folio),
      { header: t('cases.col.created'), kind: 'instant', value: (r: Row) => new Date(r.createdAt) },
      text(t('cases.col.status'), (r: Row) => t(r.statusLabel)),
      text(t('cases.col.type'), (r: Row) => t(r.typeLabel)),
      text(t('cases.col.category'), (r: Row) => r.categoryName),
      text(t('cases.col.department'), (r: Row) => r.departmentName ?? ''),
      text(t('cases.col.locality'), (r: Row) => r.locality),
      text(t('cases.col.channel'), (r: Row) => t(r.channelLabel)),
      text(t('cases.col.priority'), (r: Row) => t(r.priorityLabel)),
      text(t('cases.col.assignee'), (r: Row) => r.assigneeName ?? ''),
      { header: t('cases.col.due'), kind: 'day', value: (r: Row) => r.dueDate },
      text(t('cases.col.days_left'), (r: Row) => (r.deadline === 'done' ? '' : r.daysLeft)),
      ...(audience === 'staff' ? [text(t('cases.col.description'), (r: Row) => r.excerpt)] : []),
    ];
  }

  /** CSV has no dates: the local date and time as text ("2026-12-01 23:24"), which spreadsheets read as a date. */
  private csvValue(c: Column, r: Row) {
    const v = c.value(r);
    if (v == null || v === '') return v;
    if (c.kind === 'instant') return localDateTimeText(v as Date, this.config.TIMEZONE);
    return v;
  }

  /** An XLSX date carries no zone: the cell holds the town hall's wall clock; a day is that day at 00:00. */
  private xlsxValue(c: Column, r: Row) {
    const v = c.value(r);
    if (v == null || v === '') return v;
    if (c.kind === 'instant') return wallClockAsUtc(v as Date, this.config.TIMEZONE);
    if (c.kind === 'day') return new Date(`${String(v)}T00:00:00Z`);
    return v;
  }

  async csv(rows: AsyncIterable<Row>, res: Response, audience: ExportAudience): Promise<void> {
    const cols = this.columns(audience);
    // A BOM so that Excel opens the accents right.
    res.write('\ufeff');
    const out = stringify({ header: true, columns: cols.map((c) => c.header) });
    out.pipe(res);
    for await (const r of rows) {
      // A cell starting with = + - @ could run as a formula in a spreadsheet: prefix it.
      const values = cols.map((c) => safeCell(this.csvValue(c, r)));
      if (!out.write(values)) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
    await new Promise((resolve) => res.on('finish', resolve));
  }

  async xlsx(rows: AsyncIterable<Row>, res: Response, audience: ExportAudience): Promise<void> {
    const cols = this.columns(audience);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true });
    const ws = wb.addWorksheet('Solicitudes');
    ws.columns = cols.map((c) => ({ header: c.header, width: c.header.length < 12 ? 16 : 28 }));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      // Real dates: Excel sorts, filters and groups them by month.
      if (cols[i].kind === 'instant') col.numFmt = 'yyyy-mm-dd hh:mm';
      if (cols[i].kind === 'day') col.numFmt = 'yyyy-mm-dd';
    });
    for await (const r of rows) ws.addRow(cols.map((c) => this.xlsxValue(c, r))).commit();
    ws.commit();
    await wb.commit();
  }
}

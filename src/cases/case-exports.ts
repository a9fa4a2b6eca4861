import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import type { InboxService } from './inbox.service';
import { safeCell } from '../common/spreadsheet-cells';

type Row = Awaited<ReturnType<InboxService['all']> extends AsyncGenerator<infer R> ? R : never>;

/**
 * The filtered list as CSV or XLSX, without contact data. Staff who attend the cases (/casos)
 * also get the start of each description; the statistics exports (the director's) get no text
 * a citizen wrote: the privacy notice promises statistics that identify no one.
 */
export type ExportAudience = 'staff' | 'statistics';

@Injectable()
export class CaseExports {
  constructor(private readonly i18n: I18nService) {}

  private columns(audience: ExportAudience) {
    const t = (k: string) => this.i18n.t(k, { lang: 'es' }) as string;
    return [
      { header: t('cases.col.folio'), value: (r: Row) => r.folio },
      { header: t('cases.col.created'), value: (r: Row) => new Date(r.createdAt).toISOString() },
      { header: t('cases.col.status'), value: (r: Row) => t(r.statusLabel) },
      { header: t('cases.col.type'), value: (r: Row) => t(r.typeLabel) },
      { header: t('cases.col.category'), value: (r: Row) => r.categoryName },
      { header: t('cases.col.department'), value: (r: Row) => r.departmentName ?? '' },
      { header: t('cases.col.locality'), value: (r: Row) => r.locality },
      { header: t('cases.col.channel'), value: (r: Row) => t(r.channelLabel) },
      { header: t('cases.col.priority'), value: (r: Row) => t(r.priorityLabel) },
      { header: t('cases.col.assignee'), value: (r: Row) => r.assigneeName ?? '' },
      { header: t('cases.col.due'), value: (r: Row) => r.dueDate },
      { header: t('cases.col.days_left'), value: (r: Row) => (r.deadline === 'done' ? '' : r.daysLeft) },
      ...(audience === 'staff' ? [{ header: t('cases.col.description'), value: (r: Row) => r.excerpt }] : []),
    ];
  }

  async csv(rows: AsyncIterable<Row>, res: Response, audience: ExportAudience): Promise<void> {
    const cols = this.columns(audience);
    // A BOM so that Excel opens the accents right.
    res.write('\ufeff');
    const out = stringify({ header: true, columns: cols.map((c) => c.header) });
    out.pipe(res);
    for await (const r of rows) {
      // A cell starting with = + - @ could run as a formula in a spreadsheet: prefix it.
      const values = cols.map((c) => safeCell(c.value(r)));
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
    for await (const r of rows) ws.addRow(cols.map((c) => c.value(r))).commit();
    ws.commit();
    await wb.commit();
  }
}

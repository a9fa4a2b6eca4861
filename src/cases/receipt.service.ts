import { Inject, Injectable } from '@nestjs/common';
import { I18nService } from 'nestjs-i18n';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CaseDetail } from './cases.repository';
import { receiptPdf } from './receipt-pdf';
import QRCode from 'qrcode';
import { formatDay, formatInstant } from '../common/local-time';

/** The acuse de recibo: its facts for the page and its PDF. */
@Injectable()
export class ReceiptService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly i18n: I18nService,
  ) {}

  trackingUrl(folio: string, code: string | null): string {
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    return `${base}/seguimiento?folio=${encodeURIComponent(folio)}${code ? `&codigo=${encodeURIComponent(code)}` : ''}`;
  }

  async facts(c: CaseDetail, code: string | null) {
    const t = (k: string) => this.i18n.t(k, { lang: 'es' }) as string;
    const day = formatDay(c.dueDate);
    return {
      municipality: this.config.MUNICIPALITY_NAME,
      folio: c.folio,
      code,
      filedAt: formatInstant(c.createdAt, this.config.TIMEZONE),
      typeLabel: t(`cases.type.${c.type}`),
      categoryName: c.categoryName,
      departmentName: c.departmentName ?? t('cases.receipt.to_be_routed'),
      dueDate: day,
      dueDateIso: c.dueDate,
      locality: c.locality,
      address: [c.street, c.neighborhood, c.locality].filter(Boolean).join(', '),
      reference: c.reference ?? null,
      description: c.description,
      trackingUrl: this.trackingUrl(c.folio, code),
    };
  }

  /** The facts for the page, with the QR code as inline SVG (the printed page is the PDF receipt). */
  async page(c: CaseDetail, code: string | null) {
    const f = await this.facts(c, code);
    const svg = await QRCode.toString(f.trackingUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return { ...f, qrSvg: svg.replace('<svg ', '<svg class="qr" role="img" aria-label="QR" ') };
  }

  async pdf(c: CaseDetail, code: string | null): Promise<Buffer> {
    return receiptPdf(await this.facts(c, code));
  }
}

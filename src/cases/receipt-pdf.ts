import QRCode from 'qrcode';
import { PDF_FONTS, unicodePdf } from '../common/pdf-fonts';

export interface ReceiptFacts {
  municipality: string;
  folio: string;
  code: string | null;
  filedAt: string;
  typeLabel: string;
  categoryName: string;
  departmentName: string;
  dueDate: string;
  locality: string;
  /** Street, colonia and locality, as the citizen gave them. */
  address: string;
  reference: string | null;
  description: string;
  trackingUrl: string;
}

/** The acuse de recibo as a one-page PDF, with a QR code to the tracking page. */
export async function receiptPdf(f: ReceiptFacts): Promise<Buffer> {
  const qr = await QRCode.toBuffer(f.trackingUrl, { errorCorrectionLevel: 'M', margin: 1, width: 300 });
  const doc = unicodePdf({ size: 'LETTER', margin: 56, info: { Title: `Acuse de recibo ${f.folio}`, Author: `H. Ayuntamiento de ${f.municipality}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.fillColor('#7a1f3d').fontSize(18).font(PDF_FONTS.bold).text(`H. Ayuntamiento de ${f.municipality}`);
  doc.fillColor('#1f2328').fontSize(12).font(PDF_FONTS.regular).text('Atención Ciudadana');
  doc.moveDown(1);
  doc.fontSize(16).font(PDF_FONTS.bold).text('Acuse de recibo');
  doc.moveDown(0.5);
  const top = doc.y;
  doc.image(qr, 400, top, { width: 150 });
  const row = (label: string, value: string) => {
    doc.font(PDF_FONTS.bold).fontSize(11).text(label, 56, doc.y, { width: 330 });
    doc.font(PDF_FONTS.regular).fontSize(12).text(value, { width: 330 });
    doc.moveDown(0.4);
  };
  row('Folio', f.folio);
  if (f.code) row('Código de seguimiento', f.code);
  row('Fecha de recepción', f.filedAt);
  row('Tipo', f.typeLabel);
  row('Categoría', f.categoryName);
  row('Dependencia que la atiende', f.departmentName);
  row('Fecha compromiso de respuesta', f.dueDate);
  row('Ubicación', f.reference ? `${f.address} (${f.reference})` : f.address || f.locality);
  doc.moveDown(0.5);
  doc.font(PDF_FONTS.bold).fontSize(11).text('Descripción', 56, Math.max(doc.y, top + 170));
  doc.font(PDF_FONTS.regular).fontSize(11).text(f.description.slice(0, 1500), { width: 500 });
  doc.moveDown(1);
  doc.fontSize(10).fillColor('#555d66').text(
    `Consulte el avance en ${f.trackingUrl.split('?')[0]} con su folio y su código de seguimiento (el código QR lleva a esa página). ` +
      'El código es personal: no lo comparta.',
    { width: 500 },
  );
  doc.end();
  return done;
}

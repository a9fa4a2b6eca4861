import { PDF_FONTS, unicodePdf } from '../common/pdf-fonts';

/** The printable invitation (letter size), for delivering by hand or fax. */
export function invitationPdf(opts: { townHall: string; municipality: string; subject: string; body: string; footer: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = unicodePdf({ size: 'LETTER', margins: { top: 60, bottom: 60, left: 70, right: 70 }, info: { Title: opts.subject, Author: opts.townHall } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fillColor('#7a1f3d').font(PDF_FONTS.bold).fontSize(16).text(opts.townHall, { align: 'center' });
    doc.fillColor('#1f2328').font(PDF_FONTS.regular).fontSize(11).text(opts.municipality, { align: 'center' });
    doc.moveDown(0.3).fontSize(10).text('Dirección de Comunicación Social', { align: 'center' });
    doc.moveDown(1.2).font(PDF_FONTS.bold).fontSize(14).text(opts.subject, { align: 'center' });
    doc.moveDown(1).font(PDF_FONTS.regular).fontSize(11.5).text(opts.body, { align: 'left', lineGap: 3 });
    doc.moveDown(2).fontSize(9).fillColor('#555d66').text(opts.footer, { align: 'center' });
    doc.end();
  });
}

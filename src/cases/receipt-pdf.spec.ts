import { pdfText } from '../../test/support/pdf-text';
import { receiptPdf } from './receipt-pdf';

/** One clock's companion: PDFs embed a Unicode font, so what people write comes out as written. */
describe('the receipt PDF', () => {
  it('keeps ʼ, ≥, ĉ, ñ and accents (an embedded Unicode font with a ToUnicode map, not Helvetica)', async () => {
    const description = 'Nʼdee pidió ≥ 3 lámparas; ĉu la kablo? Señora Peña, año 2026.';
    const pdf = await receiptPdf({
      municipality: 'Tampacán, San Luis Potosí', folio: 'AC-2026-000042', code: 'ABCDE-FGHIJ-KLMNO-PQRST', filedAt: '1 de diciembre de 2026 a las 23:24',
      typeLabel: 'Queja', categoryName: 'Alumbrado público', departmentName: 'Obras Públicas', dueDate: '8 de diciembre de 2026', locality: 'Tancuilín',
      address: 'Calle Hidalgo 12, Centro, Tancuilín', reference: null, description, trackingUrl: 'http://127.0.0.1:3107/seguimiento?folio=AC-2026-000042',
    });
    const { text, fonts } = pdfText(pdf);
    expect(fonts.some((f) => /DejaVuSans/.test(f))).toBe(true);
    expect(fonts.filter((f) => /Helvetica/.test(f))).toEqual([]);
    expect(text.replace(/\n/g, ' ')).toContain(description);
    expect(text).toContain('H. Ayuntamiento de Tampacán, San Luis Potosí');
    expect(text).toContain('Calle Hidalgo 12, Centro, Tancuilín');
  });
});

import PDFDocument from 'pdfkit';

/**
 * The fonts every PDF embeds: DejaVu Sans (from the dejavu-fonts-ttf package), which covers
 * Latin (ĉ, ñ, ü), punctuation (ʼ “ ” —), mathematical signs (≥ ≤ ±) and Greek and Cyrillic.
 * pdfkit's built-in Helvetica knows only WinAnsi: anything outside it came out garbled. An
 * embedded TrueType font is subset to the glyphs used and carries a ToUnicode map, so the text
 * can be searched and copied.
 */
const ttf = (name: string) => require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

export const PDF_FONTS = {
  regular: 'Sans',
  bold: 'Sans-Bold',
  italic: 'Sans-Oblique',
  boldItalic: 'Sans-BoldOblique',
} as const;

/** A PDF document with the Unicode fonts registered (PDF_FONTS) and the regular one selected. */
export function unicodePdf(options: PDFKit.PDFDocumentOptions = {}): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...options, font: ttf('DejaVuSans') });
  doc.registerFont(PDF_FONTS.regular, ttf('DejaVuSans'));
  doc.registerFont(PDF_FONTS.bold, ttf('DejaVuSans-Bold'));
  doc.registerFont(PDF_FONTS.italic, ttf('DejaVuSans-Oblique'));
  doc.registerFont(PDF_FONTS.boldItalic, ttf('DejaVuSans-BoldOblique'));
  return doc.font(PDF_FONTS.regular);
}

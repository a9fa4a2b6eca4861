import MarkdownIt from 'markdown-it';
import type { ReleaseDocument } from './release-render';
import { formatInstant } from '../common/local-time';
import { PDF_FONTS, unicodePdf } from '../common/pdf-fonts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
type Token = ReturnType<typeof md.parse>[number];

const GUINDA = '#7a1f3d';
const INK = '#1f2328';
const MUTED = '#555d66';

/** Inline runs of a paragraph: text with bold or italic, links shown as their text. */
function runs(inline: Token): { text: string; bold: boolean; italic: boolean }[] {
  const out: { text: string; bold: boolean; italic: boolean }[] = [];
  let bold = false;
  let italic = false;
  for (const c of inline.children ?? []) {
    if (c.type === 'strong_open') bold = true;
    else if (c.type === 'strong_close') bold = false;
    else if (c.type === 'em_open') italic = true;
    else if (c.type === 'em_close') italic = false;
    else if (c.type === 'text' || c.type === 'code_inline') out.push({ text: c.content, bold, italic });
    else if (c.type === 'softbreak' || c.type === 'hardbreak') out.push({ text: ' ', bold, italic });
  }
  return out.filter((r) => r.text.length > 0);
}

function font(bold: boolean, italic: boolean): string {
  if (bold && italic) return PDF_FONTS.boldItalic;
  if (bold) return PDF_FONTS.bold;
  if (italic) return PDF_FONTS.italic;
  return PDF_FONTS.regular;
}

/** The release on the office's template, as a letter-size PDF (pdfkit's standard fonts cover Spanish). */
export function releasePdf(doc: ReleaseDocument, timeZone: string, images: ReadonlyMap<string, Buffer> = new Map()): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = unicodePdf({ size: 'LETTER', margins: { top: 56, bottom: 64, left: 64, right: 64 }, info: { Title: doc.title, Author: doc.letterhead[0] ?? '' }, bufferPages: true });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const width = pdf.page.width - 128;

    // Letterhead
    doc.letterhead.forEach((l, i) => pdf.font(i === 0 ? PDF_FONTS.bold : PDF_FONTS.regular).fontSize(i === 0 ? 14 : 10).fillColor(i === 0 ? GUINDA : INK).text(l, { align: 'center' }));
    pdf.moveDown(0.3);
    pdf.moveTo(64, pdf.y).lineTo(64 + width, pdf.y).lineWidth(2).strokeColor(GUINDA).stroke();
    pdf.moveDown(0.8);
    if (doc.numberLabel) pdf.font(PDF_FONTS.bold).fontSize(11).fillColor(INK).text(doc.numberLabel);
    pdf.font(PDF_FONTS.regular).fontSize(10).fillColor(INK).text(doc.placeDate, { align: 'right' });
    if (doc.embargoUntil) pdf.font(PDF_FONTS.bold).fontSize(9).fillColor('#b42318').text(`EMBARGO: no publicar antes de ${formatInstant(doc.embargoUntil, timeZone)}`, { align: 'right' });
    pdf.moveDown(0.8);
    pdf.font(PDF_FONTS.bold).fontSize(16).fillColor(INK).text(doc.title, { align: 'center' });
    if (doc.subtitle) pdf.moveDown(0.3).font(PDF_FONTS.italic).fontSize(12).fillColor(MUTED).text(doc.subtitle, { align: 'center' });
    pdf.moveDown(1);

    // Body
    const tokens = md.parse(doc.bodyMarkdown ?? '', {});
    let listDepth = 0;
    let ordered: number[] = [];
    let inQuote = false;
    for (let i = 0; i < tokens.length; i++) {
      const tk = tokens[i];
      if (tk.type === 'bullet_list_open') { listDepth++; ordered.push(0); }
      else if (tk.type === 'ordered_list_open') { listDepth++; ordered.push(1); }
      else if (tk.type === 'bullet_list_close' || tk.type === 'ordered_list_close') { listDepth--; ordered.pop(); pdf.moveDown(0.3); }
      else if (tk.type === 'blockquote_open') inQuote = true;
      else if (tk.type === 'blockquote_close') inQuote = false;
      else if (tk.type === 'heading_open') {
        const inline = tokens[i + 1];
        pdf.moveDown(0.3).font(PDF_FONTS.bold).fontSize(12.5).fillColor(INK).text(inline.content, { width });
        pdf.moveDown(0.3);
        i += 2;
      } else if (tk.type === 'inline') {
        const parts = runs(tk);
        if (!parts.length) continue;
        const inItem = listDepth > 0;
        let prefix = '';
        if (inItem) {
          const n = ordered[ordered.length - 1];
          prefix = n > 0 ? `${n}. ` : '• ';
          if (n > 0) ordered[ordered.length - 1] = n + 1;
        }
        const indent = inItem ? 16 * listDepth : inQuote ? 20 : 0;
        pdf.fontSize(11).fillColor(inQuote ? MUTED : INK);
        const opts = { width: width - indent, align: 'justify' as const, lineGap: 2 };
        pdf.x = 64 + indent;
        if (prefix) pdf.font(PDF_FONTS.regular).text(prefix, { ...opts, continued: true });
        parts.forEach((r, k) => pdf.font(font(r.bold, r.italic || inQuote)).text(r.text, { ...opts, continued: k < parts.length - 1 }));
        pdf.x = 64;
        pdf.moveDown(inItem ? 0.15 : 0.6);
      }
    }

    // Quotes
    for (const q of doc.quotes) {
      pdf.moveDown(0.3);
      const y0 = pdf.y;
      pdf.x = 84;
      pdf.font(PDF_FONTS.italic).fontSize(11.5).fillColor(INK).text(`«${q.text}»`, { width: width - 20 });
      if (q.author) pdf.font(PDF_FONTS.regular).fontSize(9.5).fillColor(MUTED).text(`— ${q.author}`, { width: width - 20 });
      pdf.moveTo(72, y0).lineTo(72, pdf.y).lineWidth(3).strokeColor(GUINDA).stroke();
      pdf.x = 64;
      pdf.moveDown(0.6);
    }

    // Photos, each with its caption
    for (const p of doc.photos) {
      const image = p.webKey ? images.get(p.webKey) : undefined;
      if (!image) continue;
      if (pdf.y > pdf.page.height - 300) pdf.addPage();
      try {
        pdf.image(image, 64, pdf.y, { fit: [width, 260], align: 'center' });
        pdf.y += 266;
      } catch {
        continue; // an image pdfkit cannot read is left out; its caption would mislead
      }
      pdf.x = 64;
      pdf.font(PDF_FONTS.regular).fontSize(9).fillColor(MUTED).text(`${p.caption ?? p.title}${p.credit ? ` (Foto: ${p.credit})` : ''}`, { width, align: 'center' });
      pdf.moveDown(0.8);
    }

    // Contact footer on every page
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const bottom = pdf.page.margins.bottom;
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - 52;
      pdf.moveTo(64, y - 6).lineTo(64 + width, y - 6).lineWidth(0.5).strokeColor(MUTED).stroke();
      pdf.font(PDF_FONTS.regular).fontSize(8).fillColor(MUTED).text(doc.footer.join(' · '), 64, y, { width, align: 'center', lineBreak: true, height: 40 });
      pdf.page.margins.bottom = bottom;
    }
    pdf.end();
  });
}

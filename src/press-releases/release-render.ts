import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { formatDay } from '../common/local-time';

/**
 * The release template applied to a release: one document model, drawn on screen (a
 * partial), in the email (text and HTML below) and as a PDF (release-pdf.ts). Pure.
 */

const md = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'a', 'br', 'hr'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    h1: 'h2',
  },
};

/** Markdown → safe HTML: raw HTML in the source is shown as text, and the output is sanitised again. */
export function markdownToHtml(source: string): string {
  return sanitizeHtml(md.render(source ?? ''), SANITIZE);
}

export interface Quote {
  text: string;
  author: string | null;
}

/** Quotes, one a paragraph: «El agua llegará a todas las colonias» — Rosa Elena Téllez, Presidenta Municipal */
export function parseQuotes(source: string): Quote[] {
  return (source ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((p) => {
      // The first " — " after which no dash is left separates the quote from its author.
      const lastDash = Math.max(p.lastIndexOf('—'), p.lastIndexOf('–'));
      const sep = [...p.matchAll(/ [—–-]{1,2} /g)].find((s) => s.index! + s[0].length > lastDash && s.index! > 0 && s.index! + s[0].length < p.length);
      const text = (sep ? p.slice(0, sep.index) : p).replace(/^[«“"']+|(?<![»”"'])[»”"']+$/g, '').trim();
      return { text, author: sep ? p.slice(sep.index! + sep[0].length).trim() : null };
    });
}

export function lines(text: string | null | undefined): string[] {
  return (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
}

/** "Tampacán, S.L.P., a 14 de marzo de 2026." */
export function placeDateLine(place: string, day: string, lang = 'es'): string {
  const long = formatDay(day, { lang });
  return lang === 'en' ? `${place}, ${long}.` : `${place}, a ${long}.`;
}

export interface DocumentPhoto {
  assetId: number;
  title: string;
  caption: string | null;
  credit: string | null;
  /** Addresses, absolute when the document leaves the site (email, feed). */
  webUrl: string | null;
  originalUrl: string;
  thumbUrl: string | null;
  /** For the PDF: the web-size file's key in storage. */
  webKey: string | null;
}
export interface DocumentAudio {
  assetId: number;
  title: string;
  caption: string | null;
  duration: string;
  url: string;
}

export interface ReleaseDocument {
  letterhead: string[];
  numberLabel: string | null;
  placeDate: string;
  title: string;
  subtitle: string | null;
  bodyHtml: string;
  bodyMarkdown: string;
  quotes: Quote[];
  photos: DocumentPhoto[];
  audios: DocumentAudio[];
  footer: string[];
  embargoUntil: Date | null;
  newsroomUrl: string | null;
}

export function buildDocument(input: {
  template: { letterhead: string; contactFooter: string };
  numberLabel: string | null;
  place: string;
  releaseDate: string;
  title: string;
  subtitle: string | null;
  body: string;
  quotes: string;
  photos: DocumentPhoto[];
  audios: DocumentAudio[];
  embargoUntil: Date | null;
  newsroomUrl: string | null;
}): ReleaseDocument {
  return {
    letterhead: lines(input.template.letterhead),
    numberLabel: input.numberLabel,
    placeDate: placeDateLine(input.place, input.releaseDate),
    title: input.title,
    subtitle: input.subtitle,
    bodyHtml: markdownToHtml(input.body),
    bodyMarkdown: input.body,
    quotes: parseQuotes(input.quotes),
    photos: input.photos,
    audios: input.audios,
    footer: lines(input.template.contactFooter),
    embargoUntil: input.embargoUntil,
    newsroomUrl: input.newsroomUrl,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Markdown as plain text for the email's text part: formatting marks dropped, links kept after their text. */
export function markdownToText(source: string): string {
  return (source ?? '')
    .replace(/\r/g, '')
    .replace(/^#{1,6}\s*/gm, '')
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[^*])\*(?!\s)(.+?)\*/g, '$1$2')
    .replace(/\[([^[\]\n]{1,500})\]\(([^()\s]{1,2000})\)/g, '$1 ($2)')
    .replace(/^[ \t]*[-*+][ \t]+/gm, '• ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The release as an email: a plain text part and a simple, well-formed HTML part with inline styles. */
export function releaseEmail(doc: ReleaseDocument, extra: { confirmUrl?: string } = {}): { subject: string; text: string; html: string } {
  const subject = doc.numberLabel ? `${doc.numberLabel}: ${doc.title}` : doc.title;
  const t: string[] = [];
  t.push(...doc.letterhead, '');
  if (doc.numberLabel) t.push(doc.numberLabel);
  t.push(doc.placeDate, '', doc.title.toUpperCase());
  if (doc.subtitle) t.push(doc.subtitle);
  t.push('', markdownToText(doc.bodyMarkdown), '');
  for (const q of doc.quotes) t.push(`«${q.text}»${q.author ? ` — ${q.author}` : ''}`, '');
  if (doc.photos.length) {
    t.push('FOTOGRAFÍAS');
    doc.photos.forEach((p, i) => {
      t.push(`${i + 1}. ${p.caption ?? p.title}${p.credit ? ` (Foto: ${p.credit})` : ''}`);
      if (p.webUrl) t.push(`   Tamaño web: ${p.webUrl}`);
      t.push(`   Alta resolución: ${p.originalUrl}`);
    });
    t.push('');
  }
  if (doc.audios.length) {
    t.push('AUDIO');
    doc.audios.forEach((a) => t.push(`• ${a.caption ?? a.title}${a.duration ? ` (${a.duration})` : ''}: ${a.url}`));
    t.push('');
  }
  if (doc.newsroomUrl) t.push(`En la sala de prensa: ${doc.newsroomUrl}`, '');
  if (extra.confirmUrl) t.push(`Por favor confirme que lo recibió: ${extra.confirmUrl}`, '');
  t.push('—', ...doc.footer);

  const h: string[] = [];
  h.push(`<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>`);
  h.push('<body style="margin:0;padding:0;background:#f6f7f9;font-family:Arial,Helvetica,sans-serif;color:#1f2328">');
  h.push('<div style="max-width:640px;margin:0 auto;background:#ffffff;padding:24px">');
  h.push(`<div style="border-bottom:3px solid #7a1f3d;padding-bottom:8px;margin-bottom:16px">${doc.letterhead.map((l, i) => `<div style="${i === 0 ? 'font-weight:bold;font-size:16px;color:#7a1f3d' : 'font-size:13px'}">${esc(l)}</div>`).join('')}</div>`);
  if (doc.numberLabel) h.push(`<p style="margin:0;font-weight:bold">${esc(doc.numberLabel)}</p>`);
  h.push(`<p style="margin:4px 0 16px;text-align:right;font-size:14px">${esc(doc.placeDate)}</p>`);
  h.push(`<h1 style="font-size:22px;margin:0 0 6px">${esc(doc.title)}</h1>`);
  if (doc.subtitle) h.push(`<p style="font-size:16px;margin:0 0 16px;color:#555d66">${esc(doc.subtitle)}</p>`);
  h.push(`<div style="font-size:15px;line-height:1.55">${doc.bodyHtml}</div>`);
  for (const q of doc.quotes) h.push(`<blockquote style="margin:16px 0;padding:8px 14px;border-left:4px solid #7a1f3d;font-style:italic">«${esc(q.text)}»${q.author ? `<br><span style="font-style:normal;font-size:13px">— ${esc(q.author)}</span>` : ''}</blockquote>`);
  if (doc.photos.length) {
    h.push('<h2 style="font-size:16px;margin:20px 0 8px">Fotografías</h2>');
    for (const p of doc.photos) {
      h.push('<div style="margin:0 0 14px">');
      if (p.webUrl) h.push(`<a href="${esc(p.webUrl)}"><img src="${esc(p.thumbUrl ?? p.webUrl)}" alt="${esc(p.caption ?? p.title)}" width="300" style="max-width:100%;height:auto;border:0"></a>`);
      h.push(`<div style="font-size:13px">${esc(p.caption ?? p.title)}${p.credit ? ` (Foto: ${esc(p.credit)})` : ''}</div>`);
      h.push(`<div style="font-size:13px">${p.webUrl ? `<a href="${esc(p.webUrl)}">Tamaño web</a> · ` : ''}<a href="${esc(p.originalUrl)}">Alta resolución</a></div>`);
      h.push('</div>');
    }
  }
  if (doc.audios.length) {
    h.push('<h2 style="font-size:16px;margin:20px 0 8px">Audio</h2><ul>');
    for (const a of doc.audios) h.push(`<li><a href="${esc(a.url)}">${esc(a.caption ?? a.title)}</a>${a.duration ? ` (${esc(a.duration)})` : ''}</li>`);
    h.push('</ul>');
  }
  if (doc.newsroomUrl) h.push(`<p style="font-size:14px"><a href="${esc(doc.newsroomUrl)}">Ver en la sala de prensa</a></p>`);
  if (extra.confirmUrl) h.push(`<p style="font-size:15px;margin:20px 0"><a href="${esc(extra.confirmUrl)}" style="background:#7a1f3d;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">Recibido</a></p>`);
  h.push(`<div style="border-top:1px solid #d0d7de;margin-top:24px;padding-top:8px;font-size:12px;color:#555d66">${doc.footer.map(esc).join('<br>')}</div>`);
  h.push('</div></body></html>');
  return { subject, text: t.join('\n'), html: h.join('\n') };
}

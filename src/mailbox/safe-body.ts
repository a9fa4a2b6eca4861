import sanitizeHtml from 'sanitize-html';

/**
 * How an email's body is shown to staff. Plain text is preferred (shown as text, escaped by
 * the template). HTML is shown only when there is no text part, after a sanitizer has removed
 * scripts, styles, forms, frames and event handlers; remote images are never loaded (they
 * tell the sender that and when the message was read) and become a short note. Pure.
 */
export interface SafeBody {
  kind: 'text' | 'html' | 'empty';
  text: string | null;
  html: string | null;
  blockedImages: number;
}

export const BLOCKED_IMAGE_NOTE = '[imagen remota bloqueada]';

export function sanitizeEmailHtml(html: string): { html: string; blockedImages: number } {
  let blockedImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'a', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'img', 'font', 'center'],
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['alt', 'src'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan', 'scope'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object', 'embed', 'template'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' } }),
      img: (tagName, attribs): sanitizeHtml.Tag => {
        const src = (attribs.src ?? '').trim();
        if (/^data:image\/(png|jpeg|gif|webp);base64,/i.test(src)) return { tagName, attribs: { src, alt: attribs.alt ?? '' } };
        // Remote (http, protocol-relative) or inline cid: images are not loaded here.
        blockedImages++;
        return { tagName: 'span', attribs: { class: 'blocked-image' }, text: attribs.alt ? `${BLOCKED_IMAGE_NOTE} ${attribs.alt}` : BLOCKED_IMAGE_NOTE };
      },
    },
    allowedClasses: { span: ['blocked-image'] },
  });
  return { html: clean, blockedImages };
}

export function safeBody(text: string | null | undefined, html: string | null | undefined): SafeBody {
  const t = (text ?? '').replace(/\r\n/g, '\n').trim();
  if (t) return { kind: 'text', text: t, html: null, blockedImages: 0 };
  if (html && html.trim()) {
    const s = sanitizeEmailHtml(html);
    return { kind: 'html', text: null, html: s.html, blockedImages: s.blockedImages };
  }
  return { kind: 'empty', text: null, html: null, blockedImages: 0 };
}

/** Plain text of an HTML body (for a case's description when the email had no text part). */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/div|\/li|\/tr|\/h\d)\b[^<>]*>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'title', 'head'] });
  return text.replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/(?<![ \t])[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

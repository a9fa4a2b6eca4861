/** The emails of the cases module, in Spanish (the town hall writes to citizens in Spanish). Pure. */
import { randomBytes } from 'node:crypto';
import type { EmailMessage } from '../notifications/mailer';
import { formatDay } from '../common/local-time';

/** Threading headers of a case's email: its own Message-ID, and the conversation it answers. */
export interface EmailThread {
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

/** A new, unguessable Message-ID on the domain of MAIL_FROM, naming the folio (for people reading raw headers). */
export function newMessageId(folio: string, mailFrom: string): string {
  const domain = /@([a-z0-9.-]+)/i.exec(mailFrom)?.[1] ?? 'cabildo.local';
  return `<${folio}.${randomBytes(12).toString('hex')}@${domain.toLowerCase()}>`;
}

/** Add the threading headers (References: the last 10 ids of the conversation). */
export function threaded(message: EmailMessage, thread?: EmailThread): EmailMessage {
  if (!thread) return message;
  const references = (thread.references ?? []).slice(-10);
  return { ...message, messageId: thread.messageId, ...(thread.inReplyTo ? { inReplyTo: thread.inReplyTo } : {}), ...(references.length ? { references } : {}) };
}

export interface MailContext {
  publicUrl: string;
  municipality: string;
}


function trackingLink(ctx: MailContext, folio: string): string {
  return `${ctx.publicUrl.replace(/\/$/, '')}/seguimiento?folio=${encodeURIComponent(folio)}`;
}

function footer(ctx: MailContext): string {
  return `\n\n--\nH. Ayuntamiento de ${ctx.municipality}\nAtención Ciudadana\nEste correo se envió porque usted proporcionó su dirección al presentar una solicitud. Aviso de privacidad: ${ctx.publicUrl.replace(/\/$/, '')}/aviso-de-privacidad`;
}

export function receiptEmail(ctx: MailContext, to: string, r: { folio: string; code: string; name: string | null; categoryName: string; departmentName: string | null; dueDate: string; filedAt: string }): EmailMessage {
  return {
    to,
    subject: `Acuse de recibo: solicitud ${r.folio}`,
    secrets: [r.code],
    text:
      `${r.name ? `Estimado(a) ${r.name}:` : 'Estimado(a) ciudadano(a):'}\n\n` +
      `Recibimos su solicitud. Estos son sus datos para darle seguimiento:\n\n` +
      `Folio: ${r.folio}\nCódigo de seguimiento: ${r.code}\nFecha: ${r.filedAt}\nCategoría: ${r.categoryName}\n` +
      `Dependencia que la atiende: ${r.departmentName ?? 'Atención Ciudadana (por turnar)'}\nFecha compromiso de respuesta: ${formatDay(r.dueDate)}\n\n` +
      `Consulte el avance con su folio y su código en ${trackingLink(ctx, r.folio)}\n` +
      `Guarde este correo: el código de seguimiento es personal y no se lo volveremos a pedir por otro medio.` +
      footer(ctx),
  };
}

export function replyEmail(ctx: MailContext, to: string, r: { folio: string; body: string; departmentName: string | null }): EmailMessage {
  return {
    to,
    subject: `Respuesta a su solicitud ${r.folio}`,
    text: `Su solicitud ${r.folio} tiene una nueva respuesta${r.departmentName ? ` de ${r.departmentName}` : ''}:\n\n${r.body}\n\nPuede consultarla y responder en ${trackingLink(ctx, r.folio)}` + footer(ctx),
  };
}

export function statusEmail(ctx: MailContext, to: string, r: { folio: string; status: 'resolved' | 'rejected' | 'closed'; body: string | null }): EmailMessage {
  const what = { resolved: 'fue resuelta', rejected: 'fue revisada y no procede', closed: 'quedó cerrada' }[r.status];
  const survey = r.status === 'resolved' ? `\n\nNos ayuda mucho saber cómo le atendimos: conteste la encuesta de satisfacción (1 a 5) en la página de seguimiento. Si el problema sigue, ahí mismo puede reabrir su solicitud dentro de los 15 días siguientes.` : '';
  return {
    to,
    subject: `Su solicitud ${r.folio} ${what}`,
    text: `Su solicitud ${r.folio} ${what}.${r.body ? `\n\n${r.body}` : ''}${survey}\n\nSeguimiento: ${trackingLink(ctx, r.folio)}` + footer(ctx),
  };
}

export function duplicateEmail(ctx: MailContext, to: string, r: { folio: string; originalFolio: string }): EmailMessage {
  return {
    to,
    subject: `Su solicitud ${r.folio} se atiende en el folio ${r.originalFolio}`,
    text:
      `Su solicitud ${r.folio} trata el mismo asunto que otra ya registrada, así que se atiende en conjunto con el folio ${r.originalFolio}. ` +
      `Siga el avance en ${trackingLink(ctx, r.folio)}: ahí verá las respuestas.` +
      footer(ctx),
  };
}

export function digestEmail(ctx: MailContext, to: string, r: { departmentName: string; day: string; overdue: { folio: string; excerpt: string; dueDate: string }[]; soon: { folio: string; excerpt: string; dueDate: string }[] }): EmailMessage {
  const line = (c: { folio: string; excerpt: string; dueDate: string }) => `- ${c.folio} (plazo ${formatDay(c.dueDate)}): ${c.excerpt.replace(/\s+/g, ' ')}`;
  const base = ctx.publicUrl.replace(/\/$/, '');
  return {
    to,
    subject: `${r.departmentName}: ${r.overdue.length} ${r.overdue.length === 1 ? 'solicitud vencida' : 'solicitudes vencidas'} y ${r.soon.length} por vencer`,
    text:
      `Resumen del ${formatDay(r.day)} para ${r.departmentName}.\n\n` +
      `VENCIDAS (${r.overdue.length})\n${r.overdue.map(line).join('\n') || '- Ninguna'}\n\n` +
      `POR VENCER (${r.soon.length})\n${r.soon.map(line).join('\n') || '- Ninguna'}\n\n` +
      `Bandeja: ${base}/casos?vista=vencidos` +
      `\n\n--\nCabildo · H. Ayuntamiento de ${ctx.municipality}`,
  };
}

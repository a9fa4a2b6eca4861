import iconv from 'iconv-lite';
/**
 * Rules of the contacts CSV import. Pure: no Nest, no ORM. The service feeds it the
 * outlets and contacts already in the directory, and imports only what it accepts.
 */
import { parse } from 'csv-parse/sync';
import { isEmail } from 'class-validator';
import { CONTACT_CHANNELS, ContactChannel, nameKey } from './media-kinds';

export const MAX_IMPORT_ROWS = 2000;

/** Spanish (and English) column headers, normalised with nameKey, to field names. */
const HEADERS: Record<string, keyof ImportFields> = {
  nombre: 'name', name: 'name',
  cargo: 'role', puesto: 'role', role: 'role',
  medio: 'outlet', outlet: 'outlet',
  correo: 'email', 'correo electronico': 'email', email: 'email', 'e-mail': 'email',
  telefono: 'phones', telefonos: 'phones', phones: 'phones', phone: 'phones',
  fuente: 'beat', beat: 'beat',
  canal: 'channel', 'canal preferido': 'channel', channel: 'channel',
  notas: 'notes', notes: 'notes',
  'no contactar': 'doNotContact', no_contactar: 'doNotContact', do_not_contact: 'doNotContact',
};

const CHANNELS: Record<string, ContactChannel> = {
  correo: 'email', email: 'email', 'correo electronico': 'email',
  telefono: 'phone', phone: 'phone', llamada: 'phone',
  whatsapp: 'whatsapp',
  presencial: 'in_person', 'en persona': 'in_person', in_person: 'in_person',
};

export interface ImportFields {
  name: string;
  role: string;
  outlet: string;
  email: string;
  phones: string;
  beat: string;
  channel: string;
  notes: string;
  doNotContact: string;
}

export interface ContactDraft {
  name: string;
  role: string | null;
  outletId: number | null;
  email: string | null;
  phones: string | null;
  beat: string | null;
  preferredChannel: ContactChannel;
  notes: string | null;
  doNotContact: boolean;
}

export interface ImportRow {
  /** Line in the file (the header is line 1). */
  line: number;
  fields: ImportFields;
  outletName: string | null;
  draft: ContactDraft | null;
  /** i18n keys, empty when the row can be imported. */
  errors: string[];
}

export interface ImportContext {
  outlets: { id: number; name: string }[];
  existing: { email: string | null; name: string; outletId: number | null }[];
}

export class ImportFormatError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** Parse the file into rows keyed by field; a file that is not a usable CSV raises ImportFormatError. */
export function parseContactsCsv(text: string): { line: number; fields: ImportFields }[] {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new ImportFormatError('media.import.error.empty');
  let records: string[][];
  try {
    const delimiter = (body.split('\n')[0].match(/;/g)?.length ?? 0) > (body.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ',';
    records = parse(body, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, bom: true }) as string[][];
  } catch {
    throw new ImportFormatError('media.import.error.malformed');
  }
  const [header, ...data] = records;
  const columns = header.map((h) => HEADERS[nameKey(h).replace(/_/g, ' ')] ?? HEADERS[nameKey(h)] ?? null);
  if (!columns.includes('name')) throw new ImportFormatError('media.import.error.no_name_column');
  if (data.length > MAX_IMPORT_ROWS) throw new ImportFormatError('media.import.error.too_many');
  if (!data.length) throw new ImportFormatError('media.import.error.empty');
  return data.map((cells, i) => {
    const fields: ImportFields = { name: '', role: '', outlet: '', email: '', phones: '', beat: '', channel: '', notes: '', doNotContact: '' };
    columns.forEach((c, j) => {
      if (c && cells[j] !== undefined) fields[c] = String(cells[j]).trim();
    });
    return { line: i + 2, fields };
  });
}

function yes(v: string): boolean {
  return ['si', 'sí', 'x', '1', 'true', 'yes'].includes(v.trim().toLowerCase());
}

/** Check every row against the directory and the rest of the file. */
export function validateContactRows(rows: { line: number; fields: ImportFields }[], ctx: ImportContext): ImportRow[] {
  const outletByKey = new Map(ctx.outlets.map((o) => [nameKey(o.name), o]));
  const emails = new Set(ctx.existing.filter((c) => c.email).map((c) => c.email!.toLowerCase()));
  const namesAtOutlet = new Set(ctx.existing.map((c) => `${nameKey(c.name)}|${c.outletId ?? ''}`));
  const seenEmails = new Map<string, number>();
  const seenNames = new Map<string, number>();

  return rows.map(({ line, fields }) => {
    const errors: string[] = [];
    const name = fields.name.replace(/\s+/g, ' ');
    if (name.length < 2 || name.length > 150) errors.push('media.import.error.name');
    const email = fields.email.toLowerCase();
    if (email && (!isEmail(email) || email.length > 254)) errors.push('media.import.error.email');
    let outletId: number | null = null;
    let outletName: string | null = null;
    if (fields.outlet) {
      const o = outletByKey.get(nameKey(fields.outlet));
      if (!o) errors.push('media.import.error.unknown_outlet');
      else {
        outletId = o.id;
        outletName = o.name;
      }
    }
    let channel: ContactChannel = email ? 'email' : 'phone';
    if (fields.channel) {
      const c = CHANNELS[nameKey(fields.channel)];
      if (!c) errors.push('media.import.error.channel');
      else channel = c;
    }
    if (fields.phones && !/^[0-9 +()\-.,/ext]{7,120}$/i.test(fields.phones)) errors.push('media.import.error.phone');
    if (!email && !fields.phones) errors.push('media.import.error.no_way_to_reach');
    if (email) {
      if (emails.has(email)) errors.push('media.import.error.duplicate_email');
      else if (seenEmails.has(email)) errors.push('media.import.error.duplicate_email_in_file');
    }
    if (name && (!fields.outlet || outletId)) {
      const key = `${nameKey(name)}|${outletId ?? ''}`;
      if (namesAtOutlet.has(key)) errors.push('media.import.error.duplicate_name');
      else if (seenNames.has(key)) errors.push('media.import.error.duplicate_name_in_file');
      seenNames.set(key, line);
    }
    if (email) seenEmails.set(email, line);
    const draft: ContactDraft | null = errors.length
      ? null
      : {
          name,
          role: fields.role.slice(0, 120) || null,
          outletId,
          email: email || null,
          phones: fields.phones || null,
          beat: fields.beat.slice(0, 120) || null,
          preferredChannel: channel,
          notes: fields.notes || null,
          doNotContact: yes(fields.doNotContact),
        };
    return { line, fields, outletName, draft, errors };
  });
}

export { CONTACT_CHANNELS };

/**
 * A CSV file's bytes as text, in the encoding it was saved in: a byte-order mark says UTF-8 or
 * UTF-16 (Excel's "Texto Unicode"); bytes that are valid UTF-8 are UTF-8; anything else is
 * Windows-1252, what Excel on Windows in Spanish writes for "CSV (delimitado por comas)"
 * ("José Peña" arrived as "Jos� Pe�a"). Valid UTF-8 is strict enough that Windows-1252 text
 * with accents is practically never taken for it. Windows-1252 goes through iconv-lite: Node
 * 20's TextDecoder('windows-1252') decodes as Latin-1 (0x80 "€" and 0x97 "—" come out as controls).
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}

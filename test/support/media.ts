import sharp from 'sharp';

/** A real JPEG with EXIF (camera, author, caption, date) and GPS, as a phone or camera writes it. */
export async function jpegWithExif(options: { width?: number; height?: number; color?: string; lat?: [number, number, number, 'N' | 'S']; lng?: [number, number, number, 'E' | 'W'] } = {}): Promise<Buffer> {
  const { width = 2400, height = 1600, color = '#7a1f3d' } = options;
  const lat = options.lat ?? [21, 24, 30, 'N'];
  const lng = options.lng ?? [98, 34, 0, 'W'];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="#f0b429"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  return sharp(Buffer.from(svg))
    .withExif({
      IFD0: { Artist: 'Juan Perez', ImageDescription: 'Entrega de obra en la plaza', Make: 'Canon', Model: 'EOS 80D' },
      IFD2: { DateTimeOriginal: '2026:03:14 10:30:00' },
      IFD3: { GPSLatitudeRef: lat[3], GPSLatitude: `${lat[0]}/1 ${lat[1]}/1 ${lat[2] * 100}/100`, GPSLongitudeRef: lng[3], GPSLongitude: `${lng[0]}/1 ${lng[1]}/1 ${lng[2] * 100}/100` },
    })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A small plain JPEG without metadata. */
export function plainJpeg(color = '#1e5b4f', width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer();
}

/** One second of 8 kHz mono 16-bit PCM silence, as a WAV file. */
export function wavSecond(seconds = 1): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 2 * seconds);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8); h.write('fmt ', 12);
  h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36); h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** The first bytes of a Windows program: what a ".exe renamed .jpg" really is. */
export function fakeExe(): Buffer {
  const b = Buffer.alloc(4096, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

/** An event on the agenda (today, 10:00–11:00), for releases and bank files to be linked to. */
export async function agendaEvent(t: import('./app').TestApp, title = 'Entrega de apoyos en la cabecera municipal'): Promise<number> {
  const { AgendaEventsService } = await import('../../src/agenda/agenda-events.service');
  const { EventFormDto } = await import('../../src/agenda/dto/event.dto');
  const { SYSTEM_ACTOR } = await import('../../src/audit/audit-actor');
  const events = t.app.get(AgendaEventsService);
  const dep = await t.factories.department();
  const dto = Object.assign(new EventFormDto(), { title, departmentId: dep.id, kind: 'mayor_agenda', startDate: events.today(), startTime: '10:00', endTime: '11:00', allDay: false, isPublic: true, importance: 3, repeat: 'none', byWeekday: [], scope: 'this' });
  return events.create(dto, { ...SYSTEM_ACTOR, role: 'press' }, {});
}

/**
 * A JPEG carrying IPTC-IIM in its APP13 ("Photoshop 3.0", 8BIM resource 0x0404), written byte by
 * byte as Photo Mechanic or Lightroom do: `datasets` are record-2 entries (80 by-line, 90 city,
 * 105 headline, 120 caption, 25 keywords…) encoded in UTF-8, announced by CodedCharacterSet
 * (1:90 = ESC % G) unless `announceUtf8` is false; `latin1` writes them in ISO-8859-1 instead.
 * Optional EXIF dates and an XMP packet go in through sharp.
 */
export async function jpegWithIptc(options: { datasets: [number, string][]; announceUtf8?: boolean; latin1?: boolean; exif?: Record<string, Record<string, string>>; xmp?: string }): Promise<Buffer> {
  let img = sharp({ create: { width: 320, height: 240, channels: 3, background: '#4a6b2f' } });
  if (options.exif) img = img.withExif(options.exif);
  if (options.xmp) img = img.withXmp(options.xmp);
  const jpeg = await img.jpeg().toBuffer();
  const dataset = (record: number, tag: number, value: Buffer) => {
    const h = Buffer.from([0x1c, record, tag, 0, 0]);
    h.writeUInt16BE(value.length, 3);
    return Buffer.concat([h, value]);
  };
  const parts: Buffer[] = [];
  if (options.announceUtf8 !== false && !options.latin1) parts.push(dataset(1, 90, Buffer.from([0x1b, 0x25, 0x47])));
  parts.push(dataset(2, 0, Buffer.from([0, 4])));
  for (const [tag, value] of options.datasets) parts.push(dataset(2, tag, Buffer.from(value, options.latin1 ? 'latin1' : 'utf8')));
  let iim = Buffer.concat(parts);
  if (iim.length % 2) iim = Buffer.concat([iim, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iim.length);
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), size, iim]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const marker = Buffer.from([0xff, 0xed, 0, 0]);
  marker.writeUInt16BE(payload.length + 2, 2);
  // Right after SOI (FFD8): APP13 may come anywhere among the APPn segments.
  return Buffer.concat([jpeg.subarray(0, 2), marker, payload, jpeg.subarray(2)]);
}

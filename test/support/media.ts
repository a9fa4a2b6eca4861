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

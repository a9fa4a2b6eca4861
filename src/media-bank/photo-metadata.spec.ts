import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jpegWithIptc } from '../../test/support/media';
import { MediaInspector } from './media-inspector';
import { captureInstant, decodeIptcText } from './photo-metadata';

describe('photo capture time', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cabildo-photo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A real JPEG through the real inspector, in a municipality of `timeZone`. */
  async function takenAt(exif: Record<string, string>, timeZone: string, iptc: [number, string][] = []) {
    const file = join(dir, `p-${Math.random().toString(36).slice(2)}.jpg`);
    writeFileSync(file, await jpegWithIptc({ datasets: iptc.length ? iptc : [[80, 'Foto']], exif: Object.keys(exif).length ? { IFD2: exif } : undefined }));
    const r = await new MediaInspector({ TIMEZONE: timeZone }).inspect(file, 'foto.jpg');
    if (!r.ok) throw new Error(r.reason);
    return r.value.takenAt?.toISOString() ?? null;
  }

  it('honours OffsetTimeOriginal', async () => {
    expect(await takenAt({ DateTimeOriginal: '2026:03:14 10:30:00', OffsetTimeOriginal: '-06:00' }, 'America/Mexico_City')).toBe('2026-03-14T16:30:00.000Z');
    // A camera left on UTC: the offset says so, the municipality's zone does not matter.
    expect(await takenAt({ DateTimeOriginal: '2026:03:14 10:30:00', OffsetTimeOriginal: '+00:00' }, 'America/Mexico_City')).toBe('2026-03-14T10:30:00.000Z');
  });

  it('reads a time without offset as local time of the municipality (TIMEZONE), not of the server', async () => {
    // The server runs on America/Mexico_City in tests; Cancún is UTC−5 all year.
    expect(await takenAt({ DateTimeOriginal: '2026:03:14 10:30:00' }, 'America/Cancun')).toBe('2026-03-14T15:30:00.000Z');
    expect(await takenAt({ DateTimeOriginal: '2026:07:01 10:30:00' }, 'America/Tijuana')).toBe('2026-07-01T17:30:00.000Z');
  });

  it('falls back to IPTC date and time created, with their offset', async () => {
    expect(await takenAt({}, 'America/Mexico_City', [[55, '20260314'], [60, '103000+0000']])).toBe('2026-03-14T10:30:00.000Z');
    expect(await takenAt({}, 'America/Mexico_City', [[55, '20260314'], [60, '103000']])).toBe('2026-03-14T16:30:00.000Z');
  });

  it('parses the forms of a capture time, and refuses impossible ones', () => {
    expect(captureInstant('2026-03-14T10:30:00-06:00', undefined, 'UTC')!.toISOString()).toBe('2026-03-14T16:30:00.000Z');
    expect(captureInstant('2026-03-14T10:30:00Z', undefined, 'America/Mexico_City')!.toISOString()).toBe('2026-03-14T10:30:00.000Z');
    expect(captureInstant('0000:00:00 00:00:00', undefined, 'UTC')).toBeNull();
    expect(captureInstant('2026:02:30 10:00:00', undefined, 'UTC')).toBeNull();
  });

  it('decodes IPTC text by its declared character set', () => {
    const asLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    expect(decodeIptcText(asLatin1('Luis Ángel Cruz'), 'utf8')).toBe('Luis Ángel Cruz');
    expect(decodeIptcText(asLatin1('Tampacán'), null)).toBe('Tampacán');
    expect(decodeIptcText('María Gómez', null)).toBe('María Gómez');
    expect(decodeIptcText(asLatin1('Tampacán'), 'other')).toBe(asLatin1('Tampacán'));
  });
});

import { cameraName, humanDuration, kindOfMime, looksLikeText, normalizeForSearch, parseTags, SIZE_LIMITS, usable } from './media-kinds';

describe('media kinds', () => {
  it('decides the kind by detected content type and refuses programs', () => {
    expect(kindOfMime('image/jpeg')).toBe('photo');
    expect(kindOfMime('audio/mpeg')).toBe('audio');
    expect(kindOfMime('video/mp4')).toBe('video');
    expect(kindOfMime('application/pdf')).toBe('document');
    expect(kindOfMime('application/x-msdownload')).toBeNull();
    expect(kindOfMime('application/zip')).toBeNull();
    expect(kindOfMime(undefined)).toBeNull();
  });
  it('has the limits of the office: photo 25 MB, audio 200 MB, video 1 GB', () => {
    expect(SIZE_LIMITS.photo).toBe(25 * 1024 * 1024);
    expect(SIZE_LIMITS.audio).toBe(200 * 1024 * 1024);
    expect(SIZE_LIMITS.video).toBe(1024 * 1024 * 1024);
  });
  it('normalizes accents and case for search', () => {
    expect(normalizeForSearch('  Inauguración  del CAMIÓN ')).toBe('inauguracion del camion');
  });
  it('parses tags', () => {
    expect(parseTags('Feria, Niñas y niños; deporte,feria')).toEqual(['Feria', 'Niñas y niños', 'deporte']);
    // Names keep their capitals (issue 16 item 24): 'DIF' and 'Tampacán' are not 'dif' and 'tampacán'.
    expect(parseTags('DIF, Tampacán, dif')).toEqual(['DIF', 'Tampacán']);
    expect(parseTags(undefined)).toEqual([]);
  });
  it('tells text from binary', () => {
    expect(looksLikeText(Buffer.from('hola, qué tal'))).toBe(true);
    expect(looksLikeText(Buffer.from([0x4d, 0x5a, 0, 1]))).toBe(false);
  });
  it('knows when an asset may not be used', () => {
    expect(usable({ doNotUse: false, rightsExpiresOn: null }, '2026-03-01')).toBe(true);
    expect(usable({ doNotUse: true, rightsExpiresOn: null }, '2026-03-01')).toBe(false);
    expect(usable({ doNotUse: false, rightsExpiresOn: '2026-02-28' }, '2026-03-01')).toBe(false);
  });
  it('formats durations', () => {
    expect(humanDuration(65.4)).toBe('1:05');
    expect(humanDuration(3725)).toBe('1:02:05');
  });
});

describe('cameraName', () => {
  it('does not repeat the maker when the model already names it (issue 16 item 24)', () => {
    expect(cameraName('Canon', 'Canon EOS 250D')).toBe('Canon EOS 250D');
    expect(cameraName('NIKON CORPORATION', 'NIKON D5600')).toBe('NIKON CORPORATION NIKON D5600'.replace('NIKON CORPORATION NIKON', 'NIKON'));
    expect(cameraName('Apple', 'iPhone 13')).toBe('Apple iPhone 13');
    expect(cameraName(undefined, 'X100V')).toBe('X100V');
    expect(cameraName(undefined, undefined)).toBeNull();
  });
});

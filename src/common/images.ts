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
export async function readImageHeader(input: Buffer | string, maxPixels = MAX_IMAGE_PIXELS): Promise<ImageHeader> {
  // limitInputPixels: false only for reading the header, so that a huge image is told apart from an unreadable one.
  const meta = await sharp(input, { limitInputPixels: false }).metadata().catch(() => null);
  if (!meta?.width || !meta.height) return { ok: false, reason: 'unreadable' };
  const pages = meta.pages && meta.pages > 1 ? meta.pages : 1; // an animated GIF or WebP decodes every frame
  if (meta.width * meta.height * pages > maxPixels) return { ok: false, reason: 'too_many_pixels', width: meta.width, height: meta.height };
  return { ok: true, width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 };
}

/**
 * A phone photo needs far less than MAX_IMAGE_PIXELS: a 50 MP sensor saves 12.5 MP by default,
 * a 200 MP one 12.5 or 50 MP. The anonymous public form accepts up to 40 megapixels, so that a
 * stranger's upload decodes in a fraction of the memory a 100 MP image would take.
 */
export const CITIZEN_MAX_IMAGE_PIXELS = 40_000_000;

// One libvips thread per image: image work is bounded by the queue below, not multiplied by cores.
sharp.concurrency(1);

/** How many images are decoded at once, across the whole process, and how long one may take. */
const IMAGE_SLOTS = 2;
const IMAGE_TIMEOUT_SECONDS = 20;
/** Above this many waiting, new image work is refused at once (the form says to try again) rather than queued. */
const MAX_WAITING = 20;

export class ImageBusyError extends Error {}

/**
 * A small queue for decoding images: at most IMAGE_SLOTS at a time, the rest wait in order, and
 * each decode is stopped by sharp after IMAGE_TIMEOUT_SECONDS. Eight strangers uploading five
 * large photos each wait their turn instead of taking every thread (and the home page with them).
 */
class ImageQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** How many decodes were started since the process began (for tests and monitoring). */
  started = 0;

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= IMAGE_SLOTS) {
      if (this.waiting.length >= MAX_WAITING) throw new ImageBusyError('image queue full');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.started++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export const imageQueue = new ImageQueue();

/** An image of the public form decoded whole and encoded again without metadata, upright, in the queue, within the citizen limit. */
export function reencodeWithoutMetadata(buffer: Buffer, maxPixels = MAX_IMAGE_PIXELS): Promise<Buffer> {
  return imageQueue.run(() =>
    sharp(buffer, { limitInputPixels: maxPixels, failOn: 'truncated' }).timeout({ seconds: IMAGE_TIMEOUT_SECONDS }).rotate().toBuffer(), // sharp drops all metadata unless asked to keep it
  );
}

/** The longest side of a thumbnail: lists show photos 120–160 CSS pixels wide, twice that for sharp screens. */
export const THUMBNAIL_SIZE = 320;

/**
 * A small JPEG of an image for lists (a case's photos, an event's): turned upright, no larger
 * than THUMBNAIL_SIZE, transparency on white, no metadata. A few kilobytes where the photo
 * may weigh megabytes.
 */
export function makeThumbnail(image: Buffer): Promise<Buffer> {
  return imageQueue.run(() =>
    sharp(image, SAFE_DECODE)
      .timeout({ seconds: IMAGE_TIMEOUT_SECONDS })
      .rotate()
      .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 72, mozjpeg: true })
      .toBuffer(),
  );
}

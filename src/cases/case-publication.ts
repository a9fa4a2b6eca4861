/**
 * What of a case may be published (Open311, a public map): computed once, when the case or its
 * public text is saved, never on each read. Pure: no Nest, no ORM.
 */

/**
 * The street without the house: numbers after "#", "No.", "Núm.", "Int.", "Lote", "Mz." and a
 * number that ends a part of the address ("Calle Morelos 5, Tancuilín" → "Calle Morelos,
 * Tancuilín"); "s/n" and postal codes go too. Numbers inside a name stay ("Calle 5 de Mayo").
 */
export function generalizeStreet(street: string | null | undefined): string | null {
  if (!street) return null;
  const parts = street
    .slice(0, 300)
    .replace(/\s+/g, ' ')
    .split(',')
    .map((part) =>
      part
        .replace(/(?:#|\b(?:n[oº°]|n[uú]m(?:ero)?|int(?:erior)?|ext(?:erior)?|lote|lt|mz|manzana|casa|depto|departamento)\b\.?) ?\d[\w-]{0,9}/giu, '')
        .replace(/\bs\/n\b/giu, '')
        .replace(/\bc\.? ?p\.? ?\d{5}\b/giu, '')
        .replace(/ \d{1,6}(?: ?-? ?[a-z]|-\d{1,4})?\s*$/iu, '')
        .replace(/ {2,}/g, ' ')
        .trim(),
    )
    .filter((p) => p && !/^[\d\s-]+$/.test(p));
  return parts.join(', ').slice(0, 200) || null;
}

/** A coordinate on a grid of 0.001° (about 110 m north–south, 100 m east–west in Mexico). */
export function roundCoordinate(value: number | null | undefined): number | null {
  return value == null || !Number.isFinite(value) ? null : Math.round(value * 1000) / 1000;
}

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)[^\s<>"']{1,2000}/gi;
/** 9 to 15 digits with at most two separators between digits; the first digit starts a token. */
const PHONE = /(?<![\w-])\+?\d(?:[\s().-]{0,2}\d){8,14}(?!\w)/g;

/**
 * Contact data a person may have typed (email addresses, phone numbers) taken out of a text
 * that is to be published. Linear in the text's length: every quantifier is bounded and no two
 * overlap (the old pattern was quadratic on 4 000 characters without "@"). Numbers inside a
 * link (https://www.fixmystreet.com/report/6188252252) are part of the link, not phones.
 */
export function redactContacts(text: string): string {
  const links: string[] = [];
  return text
    .replace(/\u0000/g, '')
    .replace(EMAIL, '[correo omitido]')
    .replace(URL_LIKE, (url) => `\u0000${links.push(url) - 1}\u0000`)
    .replace(PHONE, '[teléfono omitido]')
    .replace(/\u0000(\d+)\u0000/g, (_, i: string) => links[Number(i)]);
}

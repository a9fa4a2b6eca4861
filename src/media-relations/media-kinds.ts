/** The fixed vocabularies of the media directory. Codes in English, labels in i18n (media.*). */
export const OUTLET_TYPES = ['print', 'radio', 'tv', 'digital', 'magazine', 'agency'] as const;
export type OutletType = (typeof OUTLET_TYPES)[number];

export const REACH_KINDS = ['circulation', 'audience', 'visitors'] as const;
export type ReachKind = (typeof REACH_KINDS)[number];

export const CONTACT_CHANNELS = ['email', 'phone', 'whatsapp', 'in_person'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Accent- and case-insensitive key for comparing names ("Radio Huasteca" = "radio huásteca"). */
export function nameKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

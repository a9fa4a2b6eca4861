/**
 * Article 134 of the Constitution (paragraph 8): government publicity must be institutional
 * and may not include names, images, voices or symbols that amount to the personal
 * promotion of any public servant. This is a warning for a person to review, not a verdict.
 */
export interface PromotionFinding {
  /** 'promotion': a public servant named beside promotional wording; 'name': a watched name appears. */
  kind: 'promotion' | 'name';
  /** Who was named, as written in the text. */
  who: string;
  /** The promotional wording found, when kind is 'promotion'. */
  wording: string | null;
  /** The sentence, trimmed to at most 240 characters. */
  excerpt: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Titles of public servants, folded (no accents, lower case). */
const SERVANT_TITLES = [
  'presidenta municipal', 'presidente municipal', 'alcaldesa', 'alcalde', 'la edil', 'el edil', 'munícipe', 'municipe',
  'sindica', 'sindico', 'regidora', 'regidor', 'gobernadora', 'gobernador', 'diputada', 'diputado', 'senadora', 'senador',
  'secretaria general', 'secretario general', 'tesorera', 'tesorero', 'directora de', 'director de', 'titular de',
].map(fold);

/** Promotional wording that ties an achievement to a person, folded. */
const PROMOTIONAL_WORDING = [
  'gracias a', 'gracias al', 'gracias a la', 'por instrucciones de', 'por instruccion de', 'gestion de', 'gestiono', 'gestionado por',
  'compromiso cumplido', 'cumple su compromiso', 'cumplio su compromiso', 'cumple', 'logro de', 'logros de', 'su liderazgo', 'liderazgo de',
  'trabaja para ti', 'trabajando para ti', 'te cumple', 'de la mano de', 'encabezado por', 'encabezada por', 'entrega personalmente',
  'hizo posible', 'hace posible', 'su gobierno', 'su administracion', 'vision de', 'el apoyo de', 'regalo de', 'obsequio de', 'gran trabajo de',
].map(fold);

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?¡¿\n])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function findTerm(folded: string, terms: readonly string[]): string | null {
  for (const term of terms) {
    if (new RegExp(`(^|[^a-z0-9ñ])${escape(term)}($|[^a-z0-9ñ])`).test(folded)) return term;
  }
  return null;
}

/**
 * Sentences that could be personal promotion: a public servant (by title or by one of the
 * watched names) named in the same sentence as promotional wording; and every sentence that
 * names a watched person at all (kind 'name'), since the name alone may call for review.
 */
export function article134Warnings(text: string, watchedNames: readonly string[] = []): PromotionFinding[] {
  const names = watchedNames.map((n) => n.trim()).filter((n) => n.length >= 3);
  const findings: PromotionFinding[] = [];
  for (const sentence of sentences(text ?? '')) {
    const folded = fold(sentence);
    const excerpt = sentence.length > 240 ? sentence.slice(0, 237) + '…' : sentence;
    const name = names.find((n) => findTerm(folded, [fold(n)]));
    const title = findTerm(folded, SERVANT_TITLES);
    const wording = findTerm(folded, PROMOTIONAL_WORDING);
    if ((name || title) && wording) findings.push({ kind: 'promotion', who: name ?? title!, wording, excerpt });
    else if (name) findings.push({ kind: 'name', who: name, wording: null, excerpt });
  }
  return findings;
}

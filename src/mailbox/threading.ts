/**
 * Which case an incoming email answers. By its headers first (In-Reply-To and References
 * against the Message-IDs Cabildo generated for the case's emails), then by a folio in the
 * subject — and then only if it comes from the case's own contact address and our receiving
 * server authenticated that sender (sender-auth.ts). Never by the sender alone. Pure.
 */
const FOLIO = /\bAC-(\d{4})-(\d{6})\b/i;

/** Message-IDs in a header value (`<a@b> <c@d>`), without duplicates, at most 50. */
export function messageIds(...values: (string | string[] | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const v of values.flat()) {
    if (!v) continue;
    for (const m of String(v).matchAll(/<([^<>\s]{1,900})>/g)) {
      const id = `<${m[1]}>`;
      if (!out.includes(id)) out.push(id);
    }
  }
  return out.slice(-50);
}

export function folioInSubject(subject: string | null | undefined): string | null {
  const m = FOLIO.exec(subject ?? '');
  return m ? `AC-${m[1]}-${m[2]}` : null;
}

export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}

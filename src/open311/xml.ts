/**
 * A tiny XML serializer for the Open311 answers. The GeoReport structures are flat lists of
 * records, so nothing more is needed than elements, text and lists; no XML package is
 * installed and none is added for this. Text is escaped, and characters XML 1.0 forbids
 * (control characters, lone surrogates) are dropped, so the output is always well formed.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function element(name: string, value: XmlValue, itemNames: Record<string, string>): string {
  if (!NAME.test(name)) throw new Error(`Invalid XML element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`No item element name for the list <${name}>`);
    return `<${name}>${value.map((v) => element(item, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v, itemNames)).join('')}</${name}>`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `<${name}/>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/**
 * A document: `<?xml…?>` and the root element. Lists become one child element per item,
 * named by `itemNames[listName]` (e.g. `{ service_requests: 'request' }`).
 */
export function toXml(root: string, value: XmlValue, itemNames: Record<string, string> = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames)}\n`;
}

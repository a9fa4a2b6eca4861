import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF made by pdfkit, as a reader would copy it: each font's ToUnicode map applied
 * to the glyph codes its text operators show. Small on purpose (no PDF library is installed, and
 * poppler's pdftotext is not on a Node-only machine): objects, Flate streams, Tf/Tj/TJ only.
 */
export function pdfText(pdf: Buffer): { text: string; fonts: string[] } {
  const src = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const s = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    let stream: string | null = null;
    if (s) {
      const raw = Buffer.from(s[1], 'latin1');
      stream = (/\/FlateDecode/.test(body) ? inflateSync(raw) : raw).toString('latin1');
    }
    objects.set(m[1], { dict: s ? body.slice(0, s.index) : body, stream });
  }
  const ref = (dict: string, key: string) => new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)?.[1];
  const cmaps = new Map<string, Map<number, string>>(); // font object id → code → text
  const fonts: string[] = [];
  for (const [id, o] of objects) {
    if (!/\/Type\s*\/Font/.test(o.dict)) continue;
    const base = /\/BaseFont\s*\/([^\s/>]+)/.exec(o.dict)?.[1];
    if (base) fonts.push(base);
    const tu = ref(o.dict, 'ToUnicode');
    const cmap = tu ? objects.get(tu)?.stream : null;
    if (!cmap) continue;
    const map = new Map<number, string>();
    const hexText = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
    for (const b of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) for (const p of b[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(p[1], 16), hexText(p[2]));
    for (const b of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of b[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const lo = parseInt(r[1], 16);
        const hi = parseInt(r[2], 16);
        if (r[3].startsWith('[')) [...r[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((x, i) => map.set(lo + i, hexText(x[1])));
        else {
          const start = parseInt(r[3].slice(1, -1), 16);
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(start + (c - lo)));
        }
      }
    }
    cmaps.set(id, map);
  }
  let text = '';
  for (const [, page] of objects) {
    if (!/\/Type\s*\/Page\b/.test(page.dict)) continue;
    const resources = /\/Font\s*<<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? objects.get(ref(page.dict, 'Resources') ?? '')?.dict.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1] ?? '';
    const fontIds = new Map([...resources.matchAll(/\/(\w+)\s+(\d+) 0 R/g)].map((m) => [m[1], m[2]]));
    const contents = ref(page.dict, 'Contents');
    const stream = contents ? objects.get(contents)?.stream ?? '' : '';
    let map: Map<number, string> | undefined;
    for (const op of stream.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|(ET)/g)) {
      if (op[1]) map = cmaps.get(fontIds.get(op[1]) ?? '');
      else if (op[4]) text += '\n';
      else {
        const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : [op[3]];
        for (const h of hexes) for (const code of h.match(/.{4}/g) ?? []) text += map?.get(parseInt(code, 16)) ?? '\uFFFD';
      }
    }
  }
  return { text, fonts };
}

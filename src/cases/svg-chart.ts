/** Horizontal bar charts drawn on the server as SVG (no script, no library). Pure. */

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface Bar {
  label: string;
  value: number;
}

/**
 * An accessible bar chart: role="img" with a title, and the same numbers are printed on the
 * bars (the page also shows them in a table). Colours come from presentation attributes,
 * which the Content-Security-Policy allows (inline styles would not be).
 */
export function barChart(bars: Bar[], opts: { title: string; id: string; width?: number; color?: string }): string {
  const width = opts.width ?? 640;
  const row = 28;
  const labelWidth = Math.min(260, Math.round(width * 0.4));
  const barSpace = width - labelWidth - 60;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 8;
  const color = opts.color ?? '#7a1f3d';
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * row;
      const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * barSpace));
      const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
      return (
        `<text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end" font-size="13" fill="#1f2328">${esc(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${row - 10}" rx="3" fill="${color}"></rect>` +
        `<text x="${labelWidth + w + 6}" y="${y + 18}" font-size="13" fill="#1f2328">${b.value.toLocaleString('es-MX')}</text>`
      );
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(opts.id)}" xmlns="http://www.w3.org/2000/svg"><title id="${esc(opts.id)}">${esc(opts.title)}</title>${rows}</svg>`;
}

import { barChart } from './svg-chart';

describe('server-drawn bar charts', () => {
  it('draws one bar per value, proportional, with escaped labels and a title', () => {
    const svg = barChart([{ label: 'Alumbrado', value: 10 }, { label: '<script>"x"</script>', value: 5 }, { label: 'Cero', value: 0 }], { title: 'Por tema', id: 'c1', width: 600 });
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="c1">Por tema</title>');
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBe(2 * widths[1]);
    expect(widths[2]).toBe(0);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;&quot;x&quot;');
  });
});

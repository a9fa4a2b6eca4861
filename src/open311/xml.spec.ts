import { escapeXml, toXml } from './xml';

describe('the Open311 XML serializer', () => {
  it('writes lists of flat records, with one element per item', () => {
    const xml = toXml('service_requests', [{ service_request_id: 'AC-2026-000001', lat: 21.4, long: -98.75, status_notes: null, metadata: true }], { service_requests: 'request' });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>AC-2026-000001</service_request_id><lat>21.4</lat><long>-98.75</long><status_notes/><metadata>true</metadata></request></service_requests>\n',
    );
  });

  it('writes nested lists (attributes and their values, formats)', () => {
    const xml = toXml('service_definition', { service_code: '7', attributes: [{ code: 'tamano', values: [{ key: 'a', name: 'A' }] }] }, { attributes: 'attribute', values: 'value' });
    expect(xml).toContain('<attributes><attribute><code>tamano</code><values><value><key>a</key><name>A</name></value></values></attribute></attributes>');
    expect(toXml('formats', ['text/xml', 'application/json'], { formats: 'format' })).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
    expect(toXml('errors', [], { errors: 'error' })).toContain('<errors></errors>');
  });

  it('escapes markup and quotes, keeps accents and emoji, drops characters XML forbids', () => {
    expect(escapeXml(`<b>"Calle" & 'Juárez'</b>`)).toBe('&lt;b&gt;&quot;Calle&quot; &amp; &apos;Juárez&apos;&lt;/b&gt;');
    expect(escapeXml('Bache 🚧 ñ')).toBe('Bache 🚧 ñ');
    expect(escapeXml('a\u0000b\u0007c\u001Fd\tline\nnext\ud800e')).toBe('abcd\tline\nnexte');
    expect(escapeXml(']]>')).toBe(']]&gt;');
  });

  it('refuses an invalid element name or a list without an item name rather than writing bad XML', () => {
    expect(() => toXml('bad name', 'x')).toThrow('Invalid XML element name');
    expect(() => toXml('root', { '1x': 'y' })).toThrow('Invalid XML element name');
    expect(() => toXml('things', ['a'])).toThrow('No item element name');
  });

  it('writes no value for a non-finite number', () => {
    expect(toXml('n', Number.NaN)).toContain('<n/>');
  });
});

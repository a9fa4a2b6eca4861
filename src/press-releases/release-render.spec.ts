import { buildDocument, markdownToHtml, parseQuotes, placeDateLine, releaseEmail } from './release-render';

describe('release rendering', () => {
  it('renders Markdown without letting HTML or scripts through', () => {
    const html = markdownToHtml('## Obra\n\nTexto con **negritas** y <script>alert(1)</script> y [liga](javascript:alert(1)) y [sitio](https://tampacan.gob.mx).');
    expect(html).toContain('<h2>Obra</h2>');
    expect(html).toContain('<strong>negritas</strong>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://tampacan.gob.mx" rel="noopener noreferrer">sitio</a>');
  });
  it('reads quotes with their author', () => {
    expect(parseQuotes('«El agua llegará a todas las colonias» — Rosa Elena Téllez, Presidenta Municipal\n\nSin autor')).toEqual([
      { text: 'El agua llegará a todas las colonias', author: 'Rosa Elena Téllez, Presidenta Municipal' },
      { text: 'Sin autor', author: null },
    ]);
  });
  it('writes the place and date line in Spanish', () => {
    expect(placeDateLine('Tampacán, S.L.P.', '2026-03-14')).toBe('Tampacán, S.L.P., a 14 de marzo de 2026.');
  });
  it('makes an email with text and HTML parts and photo links', () => {
    const doc = buildDocument({
      template: { letterhead: 'H. Ayuntamiento de Tampacán\nComunicación Social', contactFooter: 'Tel. 482 365 0130' },
      numberLabel: 'Boletín 045/2026', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', title: 'Entregan obra', subtitle: null,
      body: 'Texto **importante**.', quotes: '', embargoUntil: null, newsroomUrl: 'https://x/sala-de-prensa/1-entregan-obra',
      photos: [{ assetId: 1, title: 'Foto', caption: 'La plaza <renovada>', credit: 'Juan', webUrl: 'https://x/w.jpg', originalUrl: 'https://x/o.jpg', thumbUrl: null, webKey: null }],
      audios: [],
    });
    const mail = releaseEmail(doc, { confirmUrl: 'https://x/recibido/abc' });
    expect(mail.subject).toBe('Boletín 045/2026: Entregan obra');
    expect(mail.text).toContain('Texto importante.');
    expect(mail.text).toContain('Alta resolución: https://x/o.jpg');
    expect(mail.html).toContain('La plaza &lt;renovada&gt;');
    expect(mail.html).toContain('href="https://x/recibido/abc"');
  });
});

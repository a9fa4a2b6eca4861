import { BLOCKED_IMAGE_NOTE, htmlToText, safeBody } from './safe-body';

describe('safeBody', () => {
  it('prefers the plain text part', () => {
    const b = safeBody('Hola\r\nmundo', '<p>Hola <b>mundo</b></p>');
    expect(b).toEqual({ kind: 'text', text: 'Hola\nmundo', html: null, blockedImages: 0 });
  });
  it('sanitises HTML: no scripts, handlers, styles or remote images', () => {
    const b = safeBody(null, '<style>body{display:none}</style><p onclick="x()">Aviso <script>alert(1)</script><img src="https://rastreo.example/pixel.gif" alt="logo"><a href="javascript:alert(1)">a</a><a href="https://tampacan.gob.mx">b</a></p><iframe src="https://x"></iframe>');
    expect(b.kind).toBe('html');
    expect(b.html).not.toMatch(/script|onclick|style|iframe|rastreo|javascript/i);
    expect(b.html).toContain(BLOCKED_IMAGE_NOTE);
    expect(b.html).toContain('href="https://tampacan.gob.mx"');
    expect(b.html).toContain('rel="noopener noreferrer nofollow"');
    expect(b.blockedImages).toBe(1);
  });
  it('keeps small inline data images and blocks cid and protocol-relative ones', () => {
    const b = safeBody('', '<img src="data:image/png;base64,iVBORw0KGgo="><img src="cid:logo@x"><img src="//cdn.example/x.png">');
    expect(b.html).toContain('data:image/png;base64');
    expect(b.blockedImages).toBe(2);
  });
  it('turns HTML into text for a description', () => {
    expect(htmlToText('<p>Uno</p><p>Dos &amp; tres</p><script>x</script>')).toBe('Uno\nDos & tres');
  });
});

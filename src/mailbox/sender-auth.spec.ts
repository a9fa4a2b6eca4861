import { senderAuthenticated } from './sender-auth';

const ours = ['mx.tampacan.gob.mx'];
const ar = (v: string | string[]) => ({ 'authentication-results': v });

describe('senderAuthenticated', () => {
  it('trusts DMARC, aligned DKIM or aligned SPF pass from our own server', () => {
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx; dmarc=pass (p=none) header.from=ejemplo.mx'), 'ana@ejemplo.mx', ours)).toBe(true);
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx 1; dkim=pass header.d=ejemplo.mx header.s=s1'), 'ana@correo.ejemplo.mx', ours)).toBe(true);
    expect(senderAuthenticated(ar('MX.Tampacan.gob.mx; spf=pass smtp.mailfrom=rebotes@ejemplo.mx'), 'ana@ejemplo.mx', ours)).toBe(true);
  });
  it('refuses a pass for another domain, a fail, a foreign server, or no configured server', () => {
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx; dkim=pass header.d=atacante.example'), 'ana@ejemplo.mx', ours)).toBe(false);
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx; dmarc=fail header.from=ejemplo.mx; spf=softfail smtp.mailfrom=ejemplo.mx'), 'ana@ejemplo.mx', ours)).toBe(false);
    expect(senderAuthenticated(ar('mx.atacante.example; dmarc=pass header.from=ejemplo.mx'), 'ana@ejemplo.mx', ours)).toBe(false);
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx; dmarc=pass header.from=ejemplo.mx'), 'ana@ejemplo.mx', [])).toBe(false);
    expect(senderAuthenticated({}, 'ana@ejemplo.mx', ours)).toBe(false);
    // "ejemplo.mx.atacante.example" is not ejemplo.mx.
    expect(senderAuthenticated(ar('mx.tampacan.gob.mx; dkim=pass header.d=ejemplo.mx.atacante.example'), 'ana@ejemplo.mx', ours)).toBe(false);
  });
  it('reads only the topmost header of our server (the one it wrote on arrival)', () => {
    expect(senderAuthenticated(ar(['mx.tampacan.gob.mx; dmarc=fail header.from=ejemplo.mx', 'mx.tampacan.gob.mx; dmarc=pass header.from=ejemplo.mx']), 'ana@ejemplo.mx', ours)).toBe(false);
  });
});

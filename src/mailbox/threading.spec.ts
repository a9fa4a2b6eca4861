import { folioInSubject, messageIds, sameAddress } from './threading';

describe('threading', () => {
  it('reads message ids from In-Reply-To and References', () => {
    expect(messageIds('<a@x>', '<b@y> <a@x>\r\n <c@z>', undefined)).toEqual(['<a@x>', '<b@y>', '<c@z>']);
    expect(messageIds('sin corchetes', null)).toEqual([]);
  });
  it('finds a folio in a subject', () => {
    expect(folioInSubject('RE: Respuesta a su solicitud AC-2026-000123')).toBe('AC-2026-000123');
    expect(folioInSubject('re: ac-2026-000123 gracias')).toBe('AC-2026-000123');
    expect(folioInSubject('Solicitud 2026-123')).toBeNull();
  });
  it('compares addresses without case', () => {
    expect(sameAddress('Ana@Example.com', 'ana@example.com')).toBe(true);
    expect(sameAddress(null, 'ana@example.com')).toBe(false);
  });
});

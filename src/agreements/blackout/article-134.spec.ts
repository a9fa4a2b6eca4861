import { article134Warnings } from './article-134';

describe('article 134 warning', () => {
  it('flags a public servant named beside promotional wording', () => {
    const text = 'Gracias a la Presidenta Municipal, la colonia Centro estrena alumbrado. La obra costó 1.2 millones.';
    const w = article134Warnings(text);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: 'promotion', who: 'presidenta municipal', wording: 'gracias a' });
    expect(w[0].excerpt).toContain('colonia Centro');
  });

  it('does not flag institutional wording, nor a title without promotion', () => {
    expect(article134Warnings('El H. Ayuntamiento de Tampacán informa que el lunes inicia la campaña de vacunación.')).toEqual([]);
    expect(article134Warnings('La Presidenta Municipal asistió a la sesión de cabildo.')).toEqual([]);
  });

  it('flags the watched names, accents and case aside, and promotion with them', () => {
    const names = ['Rosa Elena Téllez'];
    const w = article134Warnings('Rosa Elena Tellez inauguró el pozo. ¡Compromiso cumplido de ROSA ELENA TÉLLEZ!', names);
    expect(w.map((f) => f.kind)).toEqual(['name', 'promotion']);
    expect(w[1].who).toBe('Rosa Elena Téllez');
  });

  it('matches whole words only', () => {
    // "regidores" is not followed by promotion; "cumplea" is not "cumple".
    expect(article134Warnings('Los regidores celebran el cumpleaños del pueblo.')).toEqual([]);
  });
});

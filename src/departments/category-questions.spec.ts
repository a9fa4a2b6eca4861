import { checkAnswers, parseOptions, QuestionDef, slugCode } from './category-questions';

const q = (over: Partial<QuestionDef>): QuestionDef => ({ id: 1, code: 'c', question: '¿?', kind: 'text', required: false, options: [], active: true, ...over });

describe('category questions', () => {
  const size = q({ id: 2, code: 'tamano', kind: 'single', required: true, options: [{ key: 'chico', name: 'Chico' }, { key: 'grande', name: 'Grande' }] });
  const extras = q({ id: 3, code: 'extras', kind: 'multiple', options: [{ key: 'agua', name: 'Con agua' }, { key: 'trafico', name: 'En vía rápida' }] });
  const count = q({ id: 4, code: 'cuantas', kind: 'number', required: true });
  const since = q({ id: 5, code: 'desde', kind: 'date' });

  it('keeps valid answers, in the question order, with option names to display', () => {
    const raw: Record<string, unknown> = { tamano: 'grande', extras: ['trafico', 'agua', 'agua'], cuantas: '3,5', desde: '2026-02-28' };
    const { answers, errors } = checkAnswers([size, extras, count, since], (x) => raw[x.code]);
    expect(errors.size).toBe(0);
    expect(answers.map((a) => [a.code, a.value, a.display])).toEqual([
      ['tamano', 'grande', 'Grande'],
      ['extras', ['agua', 'trafico'], 'Con agua, En vía rápida'],
      ['cuantas', '3.5', '3.5'],
      ['desde', '2026-02-28', '2026-02-28'],
    ]);
  });

  it('names each wrong answer', () => {
    const raw: Record<string, unknown> = { tamano: 'enorme', extras: ['agua', 'lodo'], cuantas: 'tres', desde: '2026-02-30' };
    const { answers, errors } = checkAnswers([size, extras, count, since], (x) => raw[x.code]);
    expect(answers).toEqual([]);
    expect([...errors.entries()].map(([k, v]) => [k.code, v])).toEqual([['tamano', 'option'], ['extras', 'option'], ['cuantas', 'number'], ['desde', 'date']]);
  });

  it('requires required answers, accepts an empty optional list, ignores inactive questions', () => {
    const { answers, errors } = checkAnswers([size, extras, count, q({ id: 9, code: 'old', required: true, active: false })], (x) => (x.code === 'extras' ? [''] : undefined));
    expect(answers).toEqual([]);
    expect([...errors.entries()].map(([k, v]) => [k.code, v])).toEqual([['tamano', 'required'], ['cuantas', 'required']]);
  });

  it('accepts an ISO date-time with its zone (Open311 datetime) and refuses too long text', () => {
    expect(checkAnswers([since], () => '2026-03-01T10:30:00-06:00').errors.size).toBe(0);
    expect(checkAnswers([q({})], () => 'x'.repeat(501)).errors.get(q({})) ?? [...checkAnswers([q({})], () => 'x'.repeat(501)).errors.values()][0]).toBe('too_long');
  });

  it('parses options "clave | Nombre" or "Nombre"', () => {
    expect(parseOptions('chico | Pequeño (menos de 30 cm)\nMediano\n\n').options).toEqual([{ key: 'chico', name: 'Pequeño (menos de 30 cm)' }, { key: 'mediano', name: 'Mediano' }]);
    expect(parseOptions('Uno\nuno').error).toBe('options_duplicate');
    expect(parseOptions('  ').error).toBe('options_empty');
    expect(slugCode('¿Cuántas luminarias?')).toBe('cuantas_luminarias');
  });
});

import { generalizeStreet, roundCoordinate } from './case-publication';

describe('what of a case is published', () => {
  it.each([
    ['Calle Morelos 5, Tancuilín', 'Calle Morelos, Tancuilín'],
    ['Calle Hidalgo 123 int. 4', 'Calle Hidalgo'],
    ['Av. 5 de Mayo #12', 'Av. 5 de Mayo'],
    ['Calle 16 de Septiembre No. 45, Barrio de Abajo', 'Calle 16 de Septiembre, Barrio de Abajo'],
    ['Juárez s/n', 'Juárez'],
    ['Calle Zaragoza núm. 7-B, C.P. 79800', 'Calle Zaragoza'],
    ['Carretera Tampacán–Tamazunchale km 3', 'Carretera Tampacán–Tamazunchale km'],
    ['Lote 14 Mz. 3', null],
    ['45', null],
  ])('%s → %s', (street, expected) => {
    expect(generalizeStreet(street)).toBe(expected);
  });

  it('rounds a point to a grid of about 100 m', () => {
    expect(roundCoordinate(21.401234)).toBe(21.401);
    expect(roundCoordinate(-98.743456)).toBe(-98.743);
    expect(roundCoordinate(null)).toBeNull();
  });
});

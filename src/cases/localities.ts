/** Localities of the municipality of Tampacán, S.L.P., offered as suggestions on the forms. */
export const LOCALITIES = [
  'Tampacán (cabecera municipal)',
  'Tancuilín',
  'Chuchupe',
  'Tanchanaco',
  'El Limón',
  'Tamacuil',
  'Tenexio',
  'Xolol',
  'Ejido La Ceiba',
  'Tampacán, Barrio de Abajo',
  'Tampacán, Colonia Centro',
  'Tampacán, Colonia Las Flores',
];

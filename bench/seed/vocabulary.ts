/**
 * What the generated cases are made of: the town hall's departments and categories, 200
 * localities of a Huasteca municipality, and the words people use to describe a problem
 * (with the accents they sometimes skip and the typos they sometimes make).
 */

export const DEPARTMENTS = [
  'Obras Públicas',
  'Servicios Municipales',
  'Agua Potable y Alcantarillado',
  'Seguridad Pública y Tránsito',
  'Protección Civil',
  'Ecología y Medio Ambiente',
  'Desarrollo Social',
  'Salud Municipal',
  'Educación y Cultura',
  'Catastro y Desarrollo Urbano',
  'Sistema DIF Municipal',
  'Tesorería Municipal',
] as const;

/** 30 categories: name, department (index into DEPARTMENTS), business days to answer, and what people write about them. */
export const CATEGORIES: { name: string; department: number; days: number; problems: string[] }[] = [
  { name: 'Alumbrado público', department: 1, days: 5, problems: ['la lámpara del poste no enciende', 'la luminaria parpadea toda la noche', 'se fundió el foco del alumbrado', 'la calle está completamente a oscuras', 'el poste de luz tiene los cables colgando'] },
  { name: 'Bacheo', department: 0, days: 10, problems: ['hay un bache enorme en la calle', 'el pavimento está hundido', 'los baches ya dañaron varios carros', 'se abrió un hoyo en el asfalto después de la lluvia'] },
  { name: 'Recolección de basura', department: 1, days: 3, problems: ['el camión de la basura no pasa desde hace días', 'se acumula la basura en la esquina', 'los perros riegan la basura porque no la recogen', 'no respetan el horario de recolección'] },
  { name: 'Fuga de agua', department: 2, days: 2, problems: ['hay una fuga de agua en la tubería', 'se está tirando el agua potable en la calle', 'brota agua del medidor', 'la fuga ya hizo un charco enorme'] },
  { name: 'Falta de agua', department: 2, days: 3, problems: ['no llega el agua a la casa', 'el agua llega con muy poca presión', 'llevamos una semana sin agua', 'el tandeo no se cumple en nuestra calle'] },
  { name: 'Drenaje y alcantarillado', department: 2, days: 5, problems: ['el drenaje está tapado', 'sale agua negra de la alcantarilla', 'huele muy mal el registro del drenaje', 'la coladera se desborda cuando llueve'] },
  { name: 'Calidad del agua', department: 2, days: 5, problems: ['el agua sale turbia y con tierra', 'el agua huele a cloro muy fuerte', 'el agua sale amarilla'] },
  { name: 'Seguridad y vigilancia', department: 3, days: 5, problems: ['se reúnen jóvenes a tomar en la esquina', 'hubo robos en las casas de la cuadra', 'no pasa la patrulla por la colonia', 'hay personas sospechosas rondando de noche'] },
  { name: 'Tránsito y vialidad', department: 3, days: 7, problems: ['los carros se estacionan en doble fila', 'hace falta un tope frente a la escuela', 'el semáforo no funciona', 'las motos pasan a exceso de velocidad'] },
  { name: 'Señalamiento vial', department: 3, days: 10, problems: ['se cayó el señalamiento de alto', 'falta pintar el paso peatonal', 'no hay señal de velocidad máxima'] },
  { name: 'Riesgo por árboles', department: 4, days: 3, problems: ['un árbol está a punto de caerse sobre la casa', 'las ramas tocan los cables de luz', 'se cayó un árbol y tapa el camino'] },
  { name: 'Inundaciones y deslaves', department: 4, days: 2, problems: ['se inunda la calle cada vez que llueve', 'hubo un deslave en el camino', 'el arroyo se desbordó y entró a las casas', 'el agua arrastró piedras y lodo'] },
  { name: 'Animales en la vía pública', department: 5, days: 7, problems: ['hay muchos perros callejeros', 'un perro agresivo muerde a los niños', 'hay un animal muerto en la carretera', 'el ganado anda suelto en el camino'] },
  { name: 'Contaminación y quemas', department: 5, days: 7, problems: ['queman basura y el humo entra a las casas', 'tiran desechos al río', 'una granja huele muy mal', 'hay ruido excesivo todas las noches'] },
  { name: 'Poda y áreas verdes', department: 5, days: 10, problems: ['el pasto de la plaza está muy crecido', 'falta podar los árboles del parque', 'el jardín de la unidad deportiva está abandonado'] },
  { name: 'Apoyos sociales', department: 6, days: 15, problems: ['solicito información del programa de apoyo', 'no me llegó el apoyo de la despensa', 'quiero inscribirme al programa de adultos mayores'] },
  { name: 'Vivienda', department: 6, days: 15, problems: ['solicito apoyo con láminas para el techo', 'mi casa se dañó con la tormenta', 'pido apoyo de materiales para construir'] },
  { name: 'Salud comunitaria', department: 7, days: 7, problems: ['hay muchos moscos y pedimos fumigación', 'la clínica no tiene médico', 'pedimos una campaña de vacunación', 'hay casos de dengue en la colonia'] },
  { name: 'Panteón municipal', department: 7, days: 10, problems: ['el panteón está lleno de maleza', 'no hay agua en el panteón', 'la barda del panteón se cayó'] },
  { name: 'Escuelas y bibliotecas', department: 8, days: 15, problems: ['la escuela necesita reparación de baños', 'la biblioteca está cerrada en horario', 'faltan bancas en el aula'] },
  { name: 'Eventos culturales', department: 8, days: 15, problems: ['solicito apoyo para la fiesta patronal', 'pedimos sonido para el festival de Xantolo', 'queremos usar el auditorio para un evento'] },
  { name: 'Uso de suelo y construcción', department: 9, days: 15, problems: ['están construyendo sin permiso', 'una barda invade la banqueta', 'el vecino construyó sobre el derecho de vía'] },
  { name: 'Predial y catastro', department: 9, days: 10, problems: ['mi recibo de predial tiene un error', 'solicito la actualización de mi predio', 'pido constancia de no adeudo'] },
  { name: 'Banquetas y guarniciones', department: 0, days: 15, problems: ['la banqueta está rota y es peligrosa', 'faltan rampas para silla de ruedas', 'la guarnición se desprendió'] },
  { name: 'Caminos rurales', department: 0, days: 15, problems: ['el camino de terracería está intransitable', 'el puente del arroyo está dañado', 'pedimos revestimiento del camino a la comunidad', 'la lluvia deslavó el camino saca cosechas'] },
  { name: 'Mercado y comercio', department: 11, days: 10, problems: ['los puestos invaden la calle', 'el mercado no tiene limpieza', 'cobran de más en el piso de plaza'] },
  { name: 'Asistencia a personas vulnerables', department: 10, days: 10, problems: ['una persona adulta mayor vive sola y necesita ayuda', 'solicito silla de ruedas', 'pido apoyo de terapia para mi hijo'] },
  { name: 'Violencia familiar', department: 10, days: 2, problems: ['escucho gritos y golpes en la casa vecina', 'solicito orientación por violencia en mi familia'] },
  { name: 'Transporte público', department: 3, days: 10, problems: ['la combi no cumple su ruta', 'no hay transporte a la comunidad después de las seis', 'los choferes manejan muy rápido'] },
  { name: 'Trámites y atención', department: 11, days: 10, problems: ['me atendieron de mala manera en ventanilla', 'el trámite tarda demasiado', 'no me dan información de los requisitos'] },
];

const BASE_LOCALITIES = [
  'Tampacán (cabecera municipal)', 'Tancuilín', 'Chuchupe', 'Tanchanaco', 'El Limón', 'Tamacuil', 'Tenexio', 'Xolol', 'Ejido La Ceiba',
  'Tampacán, Barrio de Abajo', 'Tampacán, Colonia Centro', 'Tampacán, Colonia Las Flores',
];
const PLACE_ROOTS = [
  'Tamazunchale', 'Tanlajás', 'Tancanhuitz', 'Tampamolón', 'Tanquián', 'Xilitla', 'Axtla', 'Coxcatlán', 'Huehuetlán', 'Tamuín', 'Aquismón', 'Tanchahuil',
  'Cuatlamayán', 'Xochititla', 'Tlacuilola', 'Tezapotla', 'Chapulhuacanito', 'Ahuacatitla', 'Tamán', 'Tlalocuil', 'Zacayo', 'Texcatla', 'Huichapa', 'Atlamaxac',
];
const PLACE_KINDS = ['Ejido', 'Rancho', 'Colonia', 'Barrio', 'Comunidad', 'Anexo', 'Paraje', 'La Loma de'];

/** 200 localities: the 12 the form suggests, then invented ones in the style of the region. */
export const LOCALITIES: string[] = (() => {
  const out = [...BASE_LOCALITIES];
  for (let i = 0; out.length < 200; i++) {
    const name = `${PLACE_KINDS[i % PLACE_KINDS.length]} ${PLACE_ROOTS[Math.floor(i / PLACE_KINDS.length) % PLACE_ROOTS.length]}${i >= PLACE_KINDS.length * PLACE_ROOTS.length ? ` ${Math.floor(i / (PLACE_KINDS.length * PLACE_ROOTS.length)) + 1}` : ''}`;
    out.push(name);
  }
  return out;
})();

export const NEIGHBORHOODS = ['Centro', 'La Loma', 'El Arenal', 'San Isidro', 'Las Palmas', 'El Mirador', 'Los Naranjos', 'La Ceiba', 'Buenos Aires', 'Niños Héroes', 'Emiliano Zapata', 'La Curva'];
export const STREETS = ['Calle Juárez', 'Av. Hidalgo', 'Calle Morelos', 'Calle Zaragoza', 'Calle Allende', 'Av. Revolución', 'Calle 5 de Mayo', 'Calle Independencia', 'Camino Real', 'Calle Guerrero', 'Calle Matamoros', 'Carretera a Tamazunchale'];
export const LANDMARKS = ['frente a la escuela primaria', 'a un costado de la iglesia', 'cerca del puente', 'junto a la tienda de la esquina', 'enfrente de la plaza', 'por el campo de futbol', 'atrás del mercado', 'a la entrada de la comunidad', 'cerca de la clínica', 'junto al tanque de agua'];
export const SINCE = ['desde hace una semana', 'desde hace tres días', 'desde hace un mes', 'desde el lunes', 'desde la tormenta del fin de semana', 'desde hace mucho tiempo', 'desde ayer en la noche', 'hace quince días'];
export const OPENINGS = ['Buenas tardes,', 'Buen día.', 'Hola, buenas noches.', 'Solicito de la manera más atenta que', 'Por medio del presente reporto que', 'Quiero reportar que', 'Le escribo porque', '', '', 'Muy buenos días señores del ayuntamiento,'];
export const CLOSINGS = ['Gracias.', 'Ojalá lo atiendan pronto.', 'Ya lo reporté antes y nadie vino.', 'Agradezco su atención.', 'Es urgente, hay niños y adultos mayores.', 'Los vecinos estamos muy molestos.', '', 'Quedo al pendiente.', 'Por favor no lo dejen para después.'];
export const FIRST_NAMES = ['María', 'José', 'Juana', 'Juan', 'Guadalupe', 'Francisco', 'Rosa', 'Pedro', 'Margarita', 'Antonio', 'Leticia', 'Miguel', 'Verónica', 'Ramón', 'Sofía', 'Andrés', 'Inés', 'Raúl', 'Beatriz', 'Héctor'];
export const SURNAMES = ['Hernández', 'Martínez', 'Cruz', 'Santiago', 'Rubio', 'Bautista', 'Reyes', 'Téllez', 'Rodríguez', 'Ramírez', 'Flores', 'Mendoza', 'Castillo', 'Nájera', 'Orta', 'Zúñiga', 'Ávila', 'Díaz'];
export const REPLIES = [
  'Su reporte fue turnado a la dependencia correspondiente. Le daremos seguimiento.',
  'Personal de la cuadrilla acudió al lugar y realizó la revisión.',
  'Se programó la atención para la próxima semana, gracias por su paciencia.',
  'El trabajo quedó concluido. Si el problema continúa, puede reabrir su solicitud.',
  'Necesitamos una referencia más precisa del lugar para poder atenderlo.',
];
export const NOTES = ['Se pidió material al almacén.', 'La cuadrilla está ocupada con la emergencia de Tancuilín.', 'Revisar con el delegado de la comunidad.', 'Pendiente de presupuesto.', 'Se habló por teléfono con la persona.'];
export const CITIZEN_INFO = ['Sigue igual, nadie ha venido.', 'Anexo la referencia: es la casa de portón verde.', 'Ya empeoró con la lluvia de anoche.', 'Gracias, ya vinieron a revisar.'];

/** A word that appears in about one case in 20 000 (the "rare word" search). */
export const RARE_WORD = 'tlacuache';
/** A word that appears in a large share of the cases (the "common word" search). */
export const COMMON_WORD = 'calle';

/** Misspellings people actually type, applied word by word. */
export const TYPOS: [RegExp, string][] = [
  [/\bhacer\b/g, 'aser'], [/\bhay\b/g, 'ay'], [/\bque\b/g, 'q'], [/\btambién\b/g, 'tambien'], [/\bestá\b/g, 'esta'], [/\bvez\b/g, 'ves'],
  [/\bllueve\b/g, 'yueve'], [/\bbache\b/g, 'vache'], [/\bbasura\b/g, 'vasura'], [/\bnadie\b/g, 'nadien'], [/\bhoyo\b/g, 'oyo'], [/\bcalle\b/g, 'caye'],
];

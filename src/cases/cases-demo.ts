import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-actor';
import type { Role } from '../auth/roles';
import { Clock } from '../common/clock';
import { CategoriesService } from '../departments/categories.service';
import { CaseActor } from './case-actor';
import { CaseWorkService } from './case-work.service';
import { CaseType, Channel } from './case.entity';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';

/** The catalogue of a small Huasteca municipality: topic, department, business days to answer. */
/** About people, not places: never published (the privacy notice says so). */
export const SENSITIVE_CATEGORIES = ['Seguridad pública', 'Apoyo y asistencia social', 'Programas sociales'];
/** The demo's public categories in Open311: streets, lights, water, rubbish. */
export const PUBLISHED_CATEGORIES = ['Alumbrado público', 'Bacheo y pavimentación', 'Caminos rurales', 'Agua potable', 'Drenaje y alcantarillado', 'Recolección de basura', 'Limpieza de calles y espacios públicos', 'Parques, jardines y panteones'];

export const DEMO_CATEGORIES: { name: string; department: string; days: number; description: string; answers?: [string, string][] }[] = [
  { name: 'Alumbrado público', department: 'Obras Públicas', days: 5, description: 'Luminarias apagadas, postes dañados, cables sueltos.', answers: [['Reparación programada', 'Gracias por su reporte. La cuadrilla de alumbrado revisará la luminaria en los próximos días hábiles y le avisaremos cuando quede reparada.'], ['Luminaria reparada', 'Le informamos que la luminaria reportada ya fue reparada. Gracias por ayudarnos a mantener iluminada su calle.']] },
  { name: 'Bacheo y pavimentación', department: 'Obras Públicas', days: 15, description: 'Baches, banquetas y calles en mal estado.', answers: [['Incluido en el programa de bacheo', 'Su reporte quedó incluido en el programa municipal de bacheo. La cuadrilla atenderá la calle conforme al calendario de la zona.']] },
  { name: 'Caminos rurales', department: 'Obras Públicas', days: 20, description: 'Caminos de terracería y accesos a comunidades.' },
  { name: 'Agua potable', department: 'Agua Potable y Alcantarillado', days: 5, description: 'Falta de agua, fugas, baja presión, agua turbia.', answers: [['Fuga atendida', 'La cuadrilla de agua potable reparó la fuga reportada. Si nota que vuelve a salir agua, reabra su solicitud.']] },
  { name: 'Drenaje y alcantarillado', department: 'Agua Potable y Alcantarillado', days: 7, description: 'Drenaje tapado, registros sin tapa, aguas negras.' },
  { name: 'Recolección de basura', department: 'Servicios Municipales', days: 3, description: 'Camión que no pasa, basura acumulada.', answers: [['Ruta reforzada', 'Gracias por avisarnos. Reforzamos la ruta del camión recolector en su calle; pasará lunes, miércoles y viernes por la mañana.']] },
  { name: 'Limpieza de calles y espacios públicos', department: 'Servicios Municipales', days: 5, description: 'Barrido, maleza, tiraderos clandestinos.' },
  { name: 'Parques, jardines y panteones', department: 'Servicios Municipales', days: 10, description: 'Poda, juegos infantiles, mantenimiento del panteón.' },
  { name: 'Seguridad pública', department: 'Seguridad Pública', days: 3, description: 'Vigilancia, rondines, conductas que ponen en riesgo a vecinos.' },
  { name: 'Tránsito y vialidad', department: 'Seguridad Pública', days: 5, description: 'Señalamientos, topes, vehículos abandonados.' },
  { name: 'Apoyo y asistencia social', department: 'DIF Municipal', days: 10, description: 'Apoyos a personas adultas mayores, con discapacidad o en situación vulnerable.' },
  { name: 'Programas sociales', department: 'Desarrollo Social', days: 10, description: 'Información e inscripción a programas municipales y estatales.' },
  { name: 'Medio ambiente', department: 'Ecología y Medio Ambiente', days: 7, description: 'Tala, quema de basura, contaminación de arroyos.' },
  { name: 'Protección civil y riesgos', department: 'Protección Civil', days: 2, description: 'Árboles a punto de caer, deslaves, inundaciones.' },
  { name: 'Trámites y atención al público', department: 'Secretaría General', days: 10, description: 'Constancias, trato en ventanilla, horarios.' },
];

type Plan = 'received' | 'review' | 'routed' | 'progress' | 'resolved' | 'rated' | 'closed' | 'rejected' | 'duplicate' | 'reopened' | 'overdue';
/** [days ago, topic, type, locality, street, description, contact name, email, channel, plan, reply] */
type DemoCase = [number, string, CaseType, string, string | null, string, string | null, string | null, Channel, Plan, string?];

const DEMO_CASES: DemoCase[] = [
  [58, 'Alumbrado público', 'service_request', 'Tampacán (cabecera municipal)', 'Calle Juárez esquina con Hidalgo', 'La lámpara del poste frente a la iglesia lleva dos semanas apagada y la esquina queda muy oscura.', 'María Elena Cruz', 'maria.cruz@ejemplo.mx', 'web', 'rated', 'Se cambió el foco y el fotocelda de la luminaria. Ya enciende de noche.'],
  [55, 'Recolección de basura', 'complaint', 'Tancuilín', 'Camino a la escuela telesecundaria', 'El camión de la basura no ha pasado en diez días y los perros ya rompieron las bolsas.', 'Juan Martínez Hernández', null, 'phone', 'closed', 'Se reprogramó la ruta de Tancuilín: el camión pasa martes y viernes.'],
  [52, 'Agua potable', 'complaint', 'Chuchupe', null, 'No llega el agua a la parte alta de Chuchupe desde el sábado. Tenemos que acarrear del arroyo.', 'Rosa Hernández Martínez', 'rosa.hdz@ejemplo.mx', 'counter', 'rated', 'Se reparó la bomba del tanque elevado y se restableció el servicio.'],
  [50, 'Bacheo y pavimentación', 'service_request', 'Tampacán, Colonia Centro', 'Calle Morelos, frente al mercado', 'Hay un bache grande frente al mercado municipal; ya se cayó un señor en bicicleta.', null, null, 'web', 'resolved', 'Se rellenó el bache con concreto hidráulico.'],
  [47, 'Caminos rurales', 'petition', 'Tanchanaco', 'Camino Tanchanaco – El Limón', 'Pedimos que se rastree el camino a El Limón; con las lluvias ya no pasan las camionetas.', 'Comité de vecinos de Tanchanaco', 'comite.tanchanaco@ejemplo.mx', 'hearing', 'progress', 'La maquinaria está programada para la próxima semana.'],
  [45, 'Drenaje y alcantarillado', 'complaint', 'Tampacán, Barrio de Abajo', 'Callejón del Río', 'El registro del drenaje se desborda cada vez que llueve y sale agua negra a la calle.', 'Pedro Santiago Reyes', 'pedro.santiago@ejemplo.mx', 'web', 'overdue'],
  [43, 'Seguridad pública', 'report', 'El Limón', null, 'Por las noches se juntan muchachos a tomar en la cancha y hacen mucho ruido hasta la madrugada.', null, null, 'web', 'resolved', 'Se incrementaron los rondines nocturnos en la cancha de El Limón.'],
  [40, 'Apoyo y asistencia social', 'petition', 'Tamacuil', null, 'Solicito apoyo con una silla de ruedas para mi mamá de 82 años que ya no puede caminar.', 'Guadalupe Martínez Cruz', null, 'counter', 'progress', 'El DIF hizo la visita domiciliaria; la silla se entrega en la siguiente jornada.'],
  [38, 'Alumbrado público', 'service_request', 'Tancuilín', 'Calle principal, junto a la tienda Conasupo', 'Tres luminarias apagadas sobre la calle principal de Tancuilín.', 'Ernesto Bautista', 'ernesto.b@ejemplo.mx', 'web', 'overdue'],
  [36, 'Limpieza de calles y espacios públicos', 'complaint', 'Tampacán (cabecera municipal)', 'Plaza principal', 'La plaza amanece con basura después de los bailes del sábado.', null, null, 'social', 'closed', 'Se asignó una cuadrilla de limpieza los domingos a las 7:00.'],
  [34, 'Trámites y atención al público', 'suggestion', 'Tampacán (cabecera municipal)', null, 'Sugiero que la ventanilla de Tesorería abra también los sábados en la mañana para quienes trabajamos en el campo.', 'Alicia Reyes', 'alicia.reyes@ejemplo.mx', 'web', 'rejected', 'Por ahora no es posible abrir en sábado; el pago del predial también puede hacerse en línea.'],
  [33, 'Medio ambiente', 'report', 'Xolol', 'Arroyo de Xolol', 'Están tirando desechos de una porqueriza al arroyo; el agua huele muy mal.', null, null, 'web', 'routed'],
  [31, 'Protección civil y riesgos', 'service_request', 'Chuchupe', 'Junto a la escuela primaria', 'Un árbol de mango grande está inclinado sobre los cables y la barda de la primaria.', 'Directora de la primaria de Chuchupe', 'primaria.chuchupe@ejemplo.mx', 'email', 'rated', 'Protección Civil retiró el árbol con apoyo de CFE.'],
  [30, 'Recolección de basura', 'complaint', 'Tancuilín', 'Camino a la escuela telesecundaria', 'Otra vez no pasa el camión de la basura por el camino de la telesecundaria.', null, null, 'web', 'duplicate'],
  [28, 'Bacheo y pavimentación', 'service_request', 'Tampacán, Colonia Las Flores', 'Calle Azucena', 'La calle Azucena tiene varios baches y cuando llueve se hacen charcos enormes.', 'Javier Ortiz', 'javier.ortiz@ejemplo.mx', 'web', 'overdue'],
  [26, 'Programas sociales', 'petition', 'Tanchanaco', null, 'Queremos saber cuándo abren la inscripción al programa de mejoramiento de vivienda.', 'Lucía Hernández', null, 'phone', 'resolved', 'La inscripción abre el primer lunes del próximo mes en la presidencia municipal.'],
  [24, 'Agua potable', 'service_request', 'Tampacán, Colonia Centro', 'Calle Zaragoza 15', 'Hay una fuga de agua en la banqueta frente al número 15 desde hace una semana.', 'Ramiro Castillo', 'ramiro.c@ejemplo.mx', 'web', 'reopened', 'La fuga fue reparada por la cuadrilla de agua potable.'],
  [22, 'Parques, jardines y panteones', 'service_request', 'Tampacán (cabecera municipal)', 'Panteón municipal', 'Piden limpiar la maleza del panteón antes del Día de Muertos.', 'Comité del panteón', null, 'hearing', 'resolved', 'Se hizo la limpieza general del panteón con apoyo de voluntarios.'],
  [20, 'Tránsito y vialidad', 'petition', 'Tampacán (cabecera municipal)', 'Carretera frente al kínder', 'Solicitamos un tope y señalamiento frente al jardín de niños; los carros pasan muy rápido.', 'Sociedad de padres de familia', 'padres.kinder@ejemplo.mx', 'counter', 'progress'],
  [18, 'Alumbrado público', 'service_request', 'Tanchanaco', 'Cancha de usos múltiples', 'Los reflectores de la cancha no prenden y los jóvenes ya no pueden jugar en la tarde.', null, null, 'web', 'routed'],
  [16, 'Drenaje y alcantarillado', 'service_request', 'Chuchupe', null, 'Un registro de drenaje no tiene tapa frente a la casa de salud; es un peligro para los niños.', 'Verónica Santiago', 'vero.santiago@ejemplo.mx', 'web', 'progress', 'Ya se pidió la tapa al almacén; se coloca esta semana.'],
  [15, 'Seguridad pública', 'report', 'Tampacán, Barrio de Abajo', null, 'Un vehículo sin placas lleva un mes estacionado en la esquina, parece abandonado.', null, null, 'web', 'review'],
  [14, 'Apoyo y asistencia social', 'petition', 'Tampacán (cabecera municipal)', null, 'Solicito informes para las consultas de terapia de lenguaje para mi hijo en la UBR.', 'Adriana López', 'adriana.lopez@ejemplo.mx', 'web', 'resolved', 'Las consultas se agendan en la UBR de lunes a viernes de 9:00 a 14:00; lleve CURP y acta del menor.'],
  [13, 'Limpieza de calles y espacios públicos', 'complaint', 'El Limón', 'Salida a Tancuilín', 'Hay un tiradero de basura clandestino a la salida del pueblo.', null, null, 'social', 'routed'],
  [12, 'Caminos rurales', 'service_request', 'Tenexio', null, 'El vado del camino a Tenexio se lo llevó la creciente; los niños no pueden ir a la escuela.', 'Delegado de Tenexio', null, 'phone', 'overdue'],
  [11, 'Alumbrado público', 'service_request', 'Tampacán, Colonia Centro', 'Calle Hidalgo 42', 'Un poste de luz tiene el cable colgando muy bajo, casi a la altura de la gente.', 'Ana María Ramírez', 'anamaria.r@ejemplo.mx', 'web', 'progress', 'Se avisó a CFE y la cuadrilla municipal aseguró el cable provisionalmente.'],
  [10, 'Medio ambiente', 'report', 'Tamacuil', null, 'Están talando árboles en el cerro sin permiso; se oyen motosierras en la madrugada.', null, null, 'web', 'review'],
  [9, 'Recolección de basura', 'service_request', 'Tampacán, Colonia Las Flores', 'Calle Azucena', 'Pedimos un contenedor grande para la basura en la esquina de Azucena y Violeta.', 'Vecinos de Las Flores', null, 'web', 'review'],
  [8, 'Trámites y atención al público', 'commendation', 'Tampacán (cabecera municipal)', null, 'Quiero reconocer la buena atención de la ventanilla de Registro Civil; me ayudaron muy rápido con el acta de mi nieta.', 'Doña Chela Reyes', null, 'counter', 'closed', 'Muchas gracias por su reconocimiento; lo compartimos con el personal del Registro Civil.'],
  [7, 'Agua potable', 'complaint', 'Tancuilín', null, 'El agua sale turbia y con olor desde hace tres días en el barrio de arriba de Tancuilín.', 'Marcos Hernández', 'marcos.hdz@ejemplo.mx', 'web', 'routed'],
  [6, 'Bacheo y pavimentación', 'service_request', 'Tampacán, Barrio de Abajo', 'Calle del Río', 'Se hundió el pavimento junto a la alcantarilla de la calle del Río.', null, null, 'web', 'routed'],
  [5, 'Protección civil y riesgos', 'service_request', 'Xolol', 'Camino a Xolol km 3', 'Hay un deslave en el camino a Xolol; cayeron piedras grandes sobre la terracería.', 'Delegada de Xolol', 'delegada.xolol@ejemplo.mx', 'phone', 'progress', 'Protección Civil señalizó la zona y se pidió maquinaria.'],
  [4, 'Parques, jardines y panteones', 'suggestion', 'Tancuilín', 'Cancha de Tancuilín', 'Sería bueno poner bancas y sombra en la cancha de Tancuilín para las mamás que esperan a los niños.', 'Sandra Martínez', 'sandra.mtz@ejemplo.mx', 'web', 'review'],
  [3, 'Alumbrado público', 'service_request', 'Chuchupe', 'Entrada a Chuchupe', 'La luminaria de la entrada de Chuchupe parpadea toda la noche.', null, null, 'web', 'received'],
  [3, 'Seguridad pública', 'petition', 'Tanchanaco', null, 'Solicitamos rondines de la patrulla en Tanchanaco los fines de semana.', 'Comité de vecinos de Tanchanaco', 'comite.tanchanaco@ejemplo.mx', 'hearing', 'received'],
  [2, 'Drenaje y alcantarillado', 'complaint', 'Tampacán, Colonia Centro', 'Calle Allende', 'Huele a drenaje en toda la calle Allende desde ayer.', 'Eduardo Cruz', null, 'phone', 'received'],
  [2, 'Apoyo y asistencia social', 'petition', 'El Limón', null, 'Pido informes del programa de despensas para adultos mayores.', null, null, 'web', 'routed'],
  [1, 'Bacheo y pavimentación', 'complaint', 'Tampacán (cabecera municipal)', 'Calle Juárez', 'Los baches de la calle Juárez siguen creciendo; ya van varios reportes de vecinos.', 'Leticia Ortiz', 'leticia.ortiz@ejemplo.mx', 'web', 'received'],
  [1, 'Limpieza de calles y espacios públicos', 'complaint', 'Tancuilín', 'Calle principal', 'Montón de basura en el camellón de la calle principal de Tancuilín.', null, null, 'web', 'received'],
  [0, 'Alumbrado público', 'service_request', 'Tampacán, Colonia Las Flores', 'Calle Gardenia', 'La calle Gardenia está completamente a oscuras; no funciona ninguna lámpara.', 'Fernando Ramírez', 'fernando.r@ejemplo.mx', 'web', 'received'],
];

/** Demo cases through the real services (timeline, audit and outbox rows are real), with the clock moved back. */
@Injectable()
export class CasesDemo {
  constructor(
    private readonly categories: CategoriesService,
    private readonly cases: CasesService,
    private readonly work: CaseWorkService,
    private readonly repo: CasesRepository,
    private readonly clock: Clock,
  ) {}

  async seed(m: EntityManager, departments: Map<string, number>): Promise<void> {
    const byName = new Map<string, number>();
    for (const c of DEMO_CATEGORIES) {
      const sensitive = SENSITIVE_CATEGORIES.includes(c.name);
      const cat = await this.categories.create({ name: c.name, description: c.description, defaultDepartmentId: departments.get(c.department), deadlineDays: c.days, active: true, sensitive, published: !sensitive && PUBLISHED_CATEGORIES.includes(c.name) }, SYSTEM_ACTOR, m);
      byName.set(c.name, cat.id);
      for (const [title, body] of c.answers ?? []) await this.categories.createAnswer(cat.id, { title, body, active: true }, SYSTEM_ACTOR, m);
    }
    const staff = await this.repo.activeStaff(m);
    const actorOf = (role: Role, departmentId?: number): CaseActor | null => {
      const u = staff.find((s) => s.role === role && (departmentId === undefined || s.departmentId === departmentId));
      return u ? { audit: { userId: u.id, label: u.email, ip: null, role: u.role }, userId: u.id, name: u.name, role: u.role as Role, departmentId: u.departmentId } : null;
    };
    const attention = actorOf('attention') ?? actorOf('admin');
    if (!attention) return;
    const firstOf = new Map<string, string>();
    for (const [daysAgo, topic, type, locality, street, description, name, email, channel, plan, reply] of DEMO_CASES) {
      const categoryId = byName.get(topic)!;
      const departmentId = departments.get(DEMO_CATEGORIES.find((c) => c.name === topic)!.department)!;
      const worker = actorOf('liaison', departmentId) ?? attention;
      const shift = -(daysAgo * 86_400_000 + 3 * 3_600_000);
      this.clock.travel(shift);
      let moved = 0;
      const later = (hours: number) => {
        this.clock.travel(hours * 3_600_000);
        moved += hours * 3_600_000;
      };
      try {
        const citizen = channel === 'web' ? this.cases.citizenActor(null) : attention;
        const r = await this.cases.file({ type, categoryId, description, locality, street: street ?? undefined, contactName: name ?? undefined, contactEmail: email ?? undefined, consent: true, channel, privacyVersion: '2026-01' }, [], citizen, m);
        const version = async () => (await this.repo.findById(r.caseId, m))!.version;
        const key = `${topic}|${locality}|${street}`;
        if (plan === 'duplicate' && firstOf.has(key)) {
          later(2);
          await this.work.markDuplicate(r.caseId, await version(), firstOf.get(key)!, attention, m);
          continue;
        }
        firstOf.set(key, r.folio);
        if (plan === 'received') continue;
        later(3);
        await this.work.classify(r.caseId, await version(), { type, categoryId, priority: daysAgo % 7 === 0 ? 3 : 2 }, attention, m);
        if (plan === 'review') continue;
        if (plan === 'rejected') {
          later(20);
          await this.work.changeStatus(r.caseId, await version(), { status: 'rejected', note: reply }, attention, m);
          continue;
        }
        later(1);
        await this.work.route(r.caseId, await version(), { departmentId }, attention, m);
        if (plan === 'routed' || plan === 'overdue') continue;
        later(18);
        await this.work.changeStatus(r.caseId, await version(), { status: 'in_progress' }, worker, m);
        if (reply && plan === 'progress') await this.work.reply(r.caseId, await version(), reply, worker, m);
        if (plan === 'progress') continue;
        later(24 * Math.min(6, Math.max(1, Math.floor(daysAgo / 8))));
        await this.work.changeStatus(r.caseId, await version(), { status: 'resolved', note: reply }, worker, m);
        if (plan === 'rated') {
          later(20);
          await this.cases.rate(r.caseId, daysAgo % 2 ? 4 : 5, daysAgo % 2 ? 'Tardaron un poco pero quedó bien.' : '¡Muy buena atención, gracias!', this.cases.citizenActor(null), m);
        }
        if (plan === 'reopened') {
          later(30);
          await this.cases.reopen(r.caseId, 'Volvió a salir agua en el mismo lugar.', this.cases.citizenActor(null), m);
        }
        if (plan === 'closed' || plan === 'rated') {
          later(24);
          await this.work.changeStatus(r.caseId, await version(), { status: 'closed' }, attention, m);
        }
      } finally {
        this.clock.travel(-(shift + moved));
      }
    }
  }
}

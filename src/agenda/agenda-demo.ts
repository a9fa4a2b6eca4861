import { EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { EventKind } from './agenda-kinds';
import { addDays, weekStart } from './agenda-time';
import { AgendaEventsService } from './agenda-events.service';
import { AgendaRouteService } from './agenda-route.service';
import { CoverageService } from './coverage.service';
import { EventFormDto } from './dto/event.dto';
import { RouteStep } from './route';

interface Seed {
  key: string;
  title: string;
  dept: string;
  kind: EventKind;
  day: number;
  start: string;
  end: string;
  importance: number;
  isPublic?: boolean;
  place?: string;
  address?: string;
  description?: string;
  repeat?: { weekday: number; count: number };
  proposal?: boolean;
}

const EVENTS: Seed[] = [
  { key: 'agua', title: 'Reunión con comités de agua potable de las comunidades', dept: 'Agua Potable y Alcantarillado', kind: 'department_activity', day: -3, start: '10:00', end: '12:00', importance: 3, place: 'Salón ejidal de Tampacán', description: 'Revisión de tandeos y tarifas con los comités.' },
  { key: 'uniformes', title: 'Entrega de uniformes escolares en primarias', dept: 'DIF Municipal', kind: 'mayor_agenda', day: -1, start: '09:30', end: '11:30', importance: 4, place: 'Escuela Primaria Benito Juárez', address: 'Calle Morelos s/n, Centro', description: 'La Presidenta entrega 600 uniformes a alumnos de seis primarias.' },
  { key: 'cabildo', title: 'Sesión ordinaria de Cabildo', dept: 'Secretaría General', kind: 'mayor_agenda', day: 0, start: '09:00', end: '11:00', importance: 5, place: 'Sala de Cabildo, Palacio Municipal', address: 'Jardín Hidalgo s/n, Centro' },
  { key: 'obra', title: 'Arranque de obra: pavimentación de la calle Hidalgo', dept: 'Obras Públicas', kind: 'mayor_agenda', day: 0, start: '11:30', end: '12:30', importance: 4, place: 'Calle Hidalgo esquina Zaragoza', description: 'Pavimentación hidráulica de 420 metros lineales con recursos del FAIS.' },
  { key: 'salud', title: 'Jornada de salud en la cabecera municipal', dept: 'DIF Municipal', kind: 'department_activity', day: 0, start: '10:00', end: '14:00', importance: 3, place: 'Plaza principal', description: 'Consultas, vacunación y detección de diabetes.' },
  { key: 'directores', title: 'Reunión de directores', dept: 'Secretaría General', kind: 'other', day: 0, start: '17:00', end: '18:30', importance: 2, isPublic: false, place: 'Sala de juntas de Presidencia' },
  { key: 'rueda', title: 'Rueda de prensa: Feria Regional de la Huasteca 2026', dept: 'Comunicación Social', kind: 'press_conference', day: 1, start: '11:00', end: '12:00', importance: 4, place: 'Auditorio municipal', address: 'Av. Juárez 14, Centro', description: 'Presentación del programa de la feria, artistas y actividades culturales.' },
  { key: 'gira', title: 'Gira de trabajo por comunidades de la zona téenek', dept: 'Presidencia Municipal', kind: 'tour', day: 2, start: '08:00', end: '15:00', importance: 4, place: 'Comunidades de Tampacán', description: 'Supervisión de caminos rurales y entrega de apoyos.' },
  { key: 'descacharrizacion', title: 'Campaña de descacharrización contra el dengue', dept: 'Ecología y Medio Ambiente', kind: 'department_activity', day: 3, start: '08:00', end: '13:00', importance: 2, place: 'Barrios del centro' },
  { key: 'taller', title: 'Taller de protección civil en escuelas', dept: 'Protección Civil', kind: 'civic_event', day: 4, start: '10:00', end: '12:00', importance: 2, place: 'Telesecundaria de Tampacán' },
  { key: 'audiencia', title: 'Audiencia pública con la Presidenta', dept: 'Presidencia Municipal', kind: 'public_hearing', day: 0, start: '13:00', end: '15:00', importance: 3, place: 'Palacio Municipal', repeat: { weekday: 0, count: 8 } },
  { key: 'puente', title: 'Rehabilitación del puente peatonal del barrio Tamarindo', dept: 'Obras Públicas', kind: 'department_activity', day: 4, start: '09:00', end: '11:00', importance: 3, place: 'Puente peatonal, barrio Tamarindo', description: 'Cambio de barandales y pintura. Enviamos fotos del avance.', proposal: true },
];

/** A week of agenda around today: ranked events, a series, a proposal, coverages and route steps. Returns event ids by key. */
export async function seedAgenda(
  svc: { events: AgendaEventsService; coverage: CoverageService; route: AgendaRouteService },
  actors: { press: Actor; liaison: Actor },
  departments: Map<string, number>,
  staff: { lead: number; photo: number; video: number },
  m: EntityManager,
): Promise<Map<string, number>> {
  const today = svc.events.today();
  const ids = new Map<string, number>();
  for (const e of EVENTS) {
    let date = addDays(today, e.day);
    if (e.repeat) date = weekStart(today); // the Mondays of this week and the next ones
    const dto = Object.assign(new EventFormDto(), {
      title: e.title, departmentId: departments.get(e.dept)!, kind: e.kind, startDate: date, startTime: e.start, endTime: e.end, allDay: false,
      place: e.place, address: e.address, description: e.description, isPublic: e.isPublic !== false, importance: e.importance,
      repeat: e.repeat ? 'weekly' : 'none', byWeekday: e.repeat ? [e.repeat.weekday] : [], count: e.repeat?.count, scope: 'this',
    });
    ids.set(e.key, await svc.events.create(dto, e.proposal ? actors.liaison : actors.press, { proposal: e.proposal }, m));
  }
  // The day's order as the office ranked it: the street works first.
  await svc.events.move(ids.get('obra')!, 'up', actors.press, m);
  await svc.events.cancel(ids.get('taller')!, 'La escuela suspendió clases por la contingencia de lluvias; se reprogramará.', actors.press, m);

  const cover = (key: string, type: 'photo' | 'video' | 'text' | 'live' | 'social' | 'audio', who: number, note?: string) =>
    svc.coverage.assign(ids.get(key)!, { type, assigneeId: who, note }, actors.press, m);
  await cover('obra', 'photo', staff.photo, 'Tomas generales y de la Presidenta con vecinos.');
  await cover('obra', 'video', staff.video, 'Cápsula de 1 minuto para Facebook.');
  await cover('cabildo', 'text', staff.lead);
  await cover('salud', 'photo', staff.photo);
  await cover('rueda', 'live', staff.video, 'Transmisión por Facebook Live.');
  await cover('rueda', 'photo', staff.photo);
  await cover('gira', 'photo', staff.photo);
  await cover('gira', 'audio', staff.lead, 'Entrevistas para los noticieros de radio.');

  const tick = async (key: string, steps: RouteStep[]) => {
    for (const s of steps) await svc.route.markRouteStep(m, ids.get(key)!, s, actors.press);
  };
  await tick('agua', ['invite_media', 'confirm_attendance', 'cover', 'draft_release', 'send_release', 'confirm_delivery']);
  await tick('uniformes', ['invite_media', 'confirm_attendance', 'cover']);
  await tick('cabildo', ['invite_media']);
  return ids;
}

import { EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { ContactChannel, OutletType, ReachKind } from './media-kinds';
import { MediaDirectoryService } from './media-directory.service';

/** Outlets and journalists of the Huasteca potosina for the demo (plausible, not real people). */
const OUTLETS: { name: string; type: OutletType; region: string; reach?: number; reachKind?: ReachKind; reachSource?: string; website?: string; social?: string }[] = [
  { name: 'El Sol de la Huasteca', type: 'print', region: 'Ciudad Valles', reach: 9000, reachKind: 'circulation', reachSource: 'Dicho del medio', website: 'https://www.elsoldelahuasteca.com.mx' },
  { name: 'Pulso Huasteca', type: 'print', region: 'Huasteca potosina', reach: 6000, reachKind: 'circulation', reachSource: 'Dicho del medio' },
  { name: 'La Voz de las Huastecas 770 AM', type: 'radio', region: 'Tancanhuitz y zona téenek', reach: 120000, reachKind: 'audience', reachSource: 'Estimación del medio' },
  { name: 'Radio Tamazunchale 98.1 FM', type: 'radio', region: 'Tamazunchale', reach: 45000, reachKind: 'audience', reachSource: 'Estimación del medio' },
  { name: 'Huasteca Stereo 102.5', type: 'radio', region: 'Ciudad Valles', reach: 60000, reachKind: 'audience', reachSource: 'Estimación del medio' },
  { name: 'Canal 9 Huasteca TV', type: 'tv', region: 'Huasteca potosina', reach: 80000, reachKind: 'audience', reachSource: 'Estimación del medio' },
  { name: 'Huasteca Hoy', type: 'digital', region: 'Huasteca potosina', reach: 150000, reachKind: 'visitors', reachSource: 'Meta Business Suite', social: 'Facebook: /HuastecaHoy' },
  { name: 'Noticias Tampacán', type: 'digital', region: 'Tampacán', reach: 18000, reachKind: 'visitors', reachSource: 'Seguidores en Facebook', social: 'Facebook: /NoticiasTampacan' },
  { name: 'Revista Huasteca Viva', type: 'magazine', region: 'Huasteca potosina', reach: 3000, reachKind: 'circulation', reachSource: 'Tiraje trimestral' },
  { name: 'Agencia Potosina de Noticias', type: 'agency', region: 'San Luis Potosí', website: 'https://www.agenciapotosina.mx' },
];

const CONTACTS: { name: string; role: string; outlet: string; email?: string; phones?: string; beat?: string; channel?: ContactChannel; doNotContact?: boolean; lists: string[] }[] = [
  { name: 'Rocío Martínez Ponce', role: 'Reportera', outlet: 'El Sol de la Huasteca', email: 'rocio.martinez@elsoldelahuasteca.mx', phones: '481 381 2200', beat: 'Municipios', lists: ['Medios Huasteca', 'Prensa escrita'] },
  { name: 'Héctor Ruiz Olvera', role: 'Jefe de información', outlet: 'El Sol de la Huasteca', email: 'hector.ruiz@elsoldelahuasteca.mx', beat: 'Política', lists: ['Medios Huasteca', 'Prensa escrita'] },
  { name: 'Gabriela Santos Vite', role: 'Corresponsal', outlet: 'Pulso Huasteca', email: 'gsantos@pulsohuasteca.mx', phones: '483 362 1010', beat: 'Municipios', lists: ['Medios Huasteca', 'Prensa escrita'] },
  { name: 'Juan Carlos Hernández', role: 'Fotógrafo', outlet: 'Pulso Huasteca', email: 'jchernandez@pulsohuasteca.mx', lists: ['Prensa escrita'] },
  { name: 'Martha Bautista Cruz', role: 'Conductora del noticiero', outlet: 'La Voz de las Huastecas 770 AM', email: 'noticias@vozdelashuastecas.mx', phones: '482 364 0770', beat: 'Comunidades indígenas', lists: ['Medios Huasteca', 'Radio local'] },
  { name: 'Felipe Antonio Reyes', role: 'Reportero', outlet: 'La Voz de las Huastecas 770 AM', phones: '482 364 0771', channel: 'phone', beat: 'Campo', lists: ['Radio local'] },
  { name: 'Lorena Castillo Ramos', role: 'Productora', outlet: 'Radio Tamazunchale 98.1 FM', email: 'lorena@radiotamazunchale.mx', phones: '483 362 9810', beat: 'Sociedad', channel: 'whatsapp', lists: ['Medios Huasteca', 'Radio local'] },
  { name: 'Óscar Mendoza Téllez', role: 'Locutor', outlet: 'Radio Tamazunchale 98.1 FM', email: 'oscar@radiotamazunchale.mx', beat: 'Deportes', lists: ['Radio local'] },
  { name: 'Sandra Olvera Martínez', role: 'Reportera', outlet: 'Huasteca Stereo 102.5', email: 'sandra@huastecastereo.mx', beat: 'Seguridad', lists: ['Medios Huasteca', 'Radio local'] },
  { name: 'Ricardo Galván Ortiz', role: 'Director', outlet: 'Huasteca Stereo 102.5', email: 'direccion@huastecastereo.mx', beat: 'Política', doNotContact: true, lists: ['Radio local'] },
  { name: 'Patricia Luna Hernández', role: 'Reportera', outlet: 'Canal 9 Huasteca TV', email: 'pluna@canal9huasteca.mx', phones: '481 382 0909', beat: 'Municipios', lists: ['Medios Huasteca'] },
  { name: 'Arturo Vega Santiago', role: 'Camarógrafo', outlet: 'Canal 9 Huasteca TV', email: 'avega@canal9huasteca.mx', channel: 'whatsapp', lists: ['Medios Huasteca'] },
  { name: 'Daniela Torres Reyes', role: 'Editora', outlet: 'Huasteca Hoy', email: 'redaccion@huastecahoy.mx', beat: 'General', lists: ['Medios Huasteca'] },
  { name: 'Miguel Ángel Solís', role: 'Reportero', outlet: 'Huasteca Hoy', email: 'msolis@huastecahoy.mx', beat: 'Obras y servicios', lists: ['Medios Huasteca'] },
  { name: 'Yesenia Hernández Cruz', role: 'Administradora de la página', outlet: 'Noticias Tampacán', email: 'noticiastampacan@gmail.com', phones: '482 365 4411', channel: 'whatsapp', beat: 'Local', lists: ['Medios Huasteca'] },
  { name: 'Tomás Ramírez Vite', role: 'Colaborador', outlet: 'Noticias Tampacán', phones: '482 365 4412', channel: 'phone', beat: 'Local', lists: [] },
  { name: 'Alejandra Medina Flores', role: 'Editora', outlet: 'Revista Huasteca Viva', email: 'alejandra@huastecaviva.mx', beat: 'Cultura y turismo', lists: ['Prensa escrita'] },
  { name: 'Jorge Luis Campos', role: 'Corresponsal Huasteca', outlet: 'Agencia Potosina de Noticias', email: 'jcampos@agenciapotosina.mx', beat: 'Estado', lists: ['Medios Huasteca', 'Prensa escrita'] },
  { name: 'Verónica Salazar Ibarra', role: 'Reportera', outlet: 'Agencia Potosina de Noticias', email: 'vsalazar@agenciapotosina.mx', beat: 'Salud', lists: [] },
  { name: 'Ernesto Zúñiga Pérez', role: 'Periodista independiente', outlet: '', email: 'ernesto.zuniga.periodista@gmail.com', phones: '481 100 2030', beat: 'Transparencia', lists: ['Medios Huasteca'] },
];

const LISTS = [
  { name: 'Medios Huasteca', description: 'Medios de la región que cubren al Ayuntamiento' },
  { name: 'Radio local', description: 'Noticieros de radio de la Huasteca' },
  { name: 'Prensa escrita', description: 'Periódicos, revista y agencia' },
];

/** Seed the media directory; returns the list ids by name. */
export async function seedMediaDirectory(dir: MediaDirectoryService, actor: Actor, m: EntityManager): Promise<Map<string, number>> {
  const outlets = new Map<string, number>();
  for (const o of OUTLETS) {
    const saved = await dir.saveOutlet(null, { name: o.name, type: o.type, region: o.region, reach: o.reach, reachKind: o.reachKind, reachSource: o.reachSource, reachDate: o.reach ? '2026-01-15' : undefined, website: o.website, socialAccounts: o.social, active: true }, actor, m);
    outlets.set(o.name, saved.id);
  }
  const members = new Map<string, number[]>(LISTS.map((l) => [l.name, []]));
  for (const c of CONTACTS) {
    const saved = await dir.saveContact(null, { name: c.name, role: c.role, outletId: outlets.get(c.outlet), email: c.email, phones: c.phones, beat: c.beat, preferredChannel: c.channel ?? (c.email ? 'email' : 'phone'), doNotContact: !!c.doNotContact, listIds: [] }, actor, m);
    for (const l of c.lists) members.get(l)!.push(saved.id);
  }
  const lists = new Map<string, number>();
  for (const l of LISTS) lists.set(l.name, await dir.saveList(null, { name: l.name, description: l.description, contactIds: members.get(l.name)! }, actor, m));
  return lists;
}

/** One invitation already sent, with a few answers taken by phone and email. */
export async function seedInvitationDemo(invitations: import('./invitations.service').InvitationsService, eventId: number, listId: number, actor: Actor, m: EntityManager): Promise<void> {
  await invitations.send(eventId, { listIds: [listId], contactIds: [] }, actor, m);
  const rows = (await invitations.board(eventId, m)).rows;
  const answers: { response: 'confirmed' | 'declined'; attendees: number; via: 'phone' | 'email' | 'in_person' }[] = [
    { response: 'confirmed', attendees: 2, via: 'phone' },
    { response: 'confirmed', attendees: 1, via: 'email' },
    { response: 'declined', attendees: 0, via: 'phone' },
    { response: 'confirmed', attendees: 3, via: 'phone' },
  ];
  for (let i = 0; i < Math.min(answers.length, rows.length); i++) await invitations.recordAnswer(rows[i].id, answers[i], actor, m);
}

/// <reference types="multer" />
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { seedAgenda } from '../agenda/agenda-demo';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { AgendaRouteService } from '../agenda/agenda-route.service';
import { CoverageService } from '../agenda/coverage.service';
import PDFDocument from 'pdfkit';
import { AgreementsService } from '../agreements/contracts/agreements.service';
import { BlackoutService } from '../agreements/blackout/blackout.service';
import { CampaignsService } from '../agreements/campaigns/campaigns.service';
import { TransparencyService } from '../agreements/transparency/transparency.service';
import { Actor, SYSTEM_ACTOR } from '../audit/audit-actor';
import { UsersService } from '../auth/users.service';
import { CasesDemo } from '../cases/cases-demo';
import { MailboxDemo } from '../mailbox/mailbox-demo';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsService } from '../departments/departments.service';
import { InvitationsService } from '../media-relations/invitations.service';
import { seedInvitationDemo, seedMediaDirectory } from '../media-relations/media-demo';
import { MediaDirectoryService } from '../media-relations/media-directory.service';
import { PressOfficeDemo } from './press-office.demo';
import { MonitoringService } from '../monitoring/monitoring.service';
import { Open311Demo } from '../open311/open311-demo';

/** The demo accounts, also listed in README.md. */
export const DEMO_USERS = [
  { email: 'admin@tampacan.gob.mx', name: 'Laura Martínez Ríos', role: 'admin', password: 'Plaza-Principal-2026' },
  { email: 'atencion@tampacan.gob.mx', name: 'José Hernández Cruz', role: 'attention', password: 'Ventanilla-2026' },
  { email: 'enlace.obras@tampacan.gob.mx', name: 'Ing. Martha Santiago Reyes', role: 'liaison', password: 'Obras-Huasteca-2026', department: 'Obras Públicas' },
  { email: 'prensa@tampacan.gob.mx', name: 'Carolina Jonguitud Meza', role: 'press', password: 'Boletin-045-2026' },
  { email: 'presidenta@tampacan.gob.mx', name: 'Mtra. Rosa Elena Téllez', role: 'director', password: 'Cabildo-Firma-2026' },
] as const;

/** The press office's crew (photography and video), for the coverage plan. */
export const DEMO_PRESS_CREW = [
  { email: 'foto@tampacan.gob.mx', name: 'Luis Ángel Cruz Hernández', password: 'Camara-Huasteca-2026' },
  { email: 'video@tampacan.gob.mx', name: 'Diana Reyes Ortiz', password: 'Grabacion-Tampacan-2026' },
];

export const DEMO_DEPARTMENTS = [
  { name: 'Presidencia Municipal', headName: 'Mtra. Rosa Elena Téllez', email: 'presidencia@tampacan.gob.mx', phone: '482 365 0100' },
  { name: 'Secretaría General', headName: 'Lic. Fernando Ortiz Bautista', email: 'secretaria@tampacan.gob.mx', phone: '482 365 0101' },
  { name: 'Obras Públicas', headName: 'Ing. Martha Santiago Reyes', email: 'obras@tampacan.gob.mx', phone: '482 365 0110' },
  { name: 'Servicios Municipales', headName: 'C. Raúl Castillo Mendoza', email: 'servicios@tampacan.gob.mx', phone: '482 365 0111' },
  { name: 'Agua Potable y Alcantarillado', headName: 'Ing. Tomás Reyes Solís', email: 'agua@tampacan.gob.mx', phone: '482 365 0112' },
  { name: 'Seguridad Pública', headName: 'Cmdte. Alejandro Pérez Lara', email: 'seguridad@tampacan.gob.mx', phone: '482 365 0911' },
  { name: 'DIF Municipal', headName: 'Lic. Guadalupe Martínez Olvera', email: 'dif@tampacan.gob.mx', phone: '482 365 0120' },
  { name: 'Desarrollo Social', headName: 'Lic. Andrés Hernández Vite', email: 'social@tampacan.gob.mx', phone: '482 365 0121' },
  { name: 'Comunicación Social', headName: 'C. Carolina Jonguitud Meza', email: 'comunicacion@tampacan.gob.mx', phone: '482 365 0130' },
  { name: 'Ecología y Medio Ambiente', headName: 'Biól. Sofía Rubio Cano', email: 'ecologia@tampacan.gob.mx', phone: '482 365 0131' },
  { name: 'Protección Civil', headName: 'C. Miguel Ángel Ramos', email: 'proteccioncivil@tampacan.gob.mx', phone: '482 365 0132' },
  { name: 'Tesorería', headName: 'C.P. Daniela Flores Ibarra', email: 'tesoreria@tampacan.gob.mx', phone: '482 365 0140' },
];

/** Fills an empty database with a plausible municipality, so that `npm start` shows the product alive. */
@Injectable()
export class DemoService {
  private readonly logger = new Logger('Demo');
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly departments: DepartmentsService,
    private readonly users: UsersService,
    private readonly agendaEvents: AgendaEventsService,
    private readonly coverage: CoverageService,
    private readonly route: AgendaRouteService,
    private readonly mediaDirectory: MediaDirectoryService,
    private readonly invitations: InvitationsService,
    private readonly casesDemo: CasesDemo,
    private readonly pressOffice: PressOfficeDemo,
    private readonly media: MediaDirectoryService,
    private readonly agreements: AgreementsService,
    private readonly campaigns: CampaignsService,
    private readonly blackout: BlackoutService,
    private readonly transparency: TransparencyService,
    private readonly monitoring: MonitoringService,
    private readonly open311Demo: Open311Demo,
    private readonly mailboxDemo: MailboxDemo,
  ) {}

  /**
   * Seeds only a database without users. Instances starting together on one empty database each
   * get here: the transaction-level advisory lock makes the others wait, and once the first has
   * committed they count its users and leave.
   */
  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.DEMO_DATA) return false;
    const started = Date.now();
    const seeded = await this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('cabildo:demo:' || current_schema()))`);
      if ((await this.users.count(m)) > 0) return false;
      await this.seedInto(m);
      return true;
    });
    if (seeded) this.logger.log(`Datos de demostración cargados en ${Date.now() - started} ms`);
    return seeded;
  }

  async seed(): Promise<void> {
    const started = Date.now();
    await this.dataSource.transaction((m) => this.seedInto(m));
    this.logger.log(`Datos de demostración cargados en ${Date.now() - started} ms`);
  }

  private async seedInto(m: EntityManager): Promise<void> {
    const byName = await this.seedDepartments(m);
    const userIds = await this.seedUsers(m, byName);
    const year = new Date().getFullYear();
    await this.departments.preloadHolidays(year, SYSTEM_ACTOR, m);
    await this.departments.preloadHolidays(year + 1, SYSTEM_ACTOR, m);
    await this.casesDemo.seed(m, byName);
    await this.open311Demo.seed(m);
    const events = await this.seedPressOffice(m, byName, userIds);
    await this.pressOffice.seed(m, byName, events);
    await this.seedAgreements(m);
    await this.seedMonitoring(m);
    await this.mailboxDemo.seed(m, userIds);
  }

  private async seedDepartments(m: EntityManager): Promise<Map<string, number>> {
    const byName = new Map<string, number>();
    for (const d of DEMO_DEPARTMENTS) {
      const dep = await this.departments.create({ ...d, active: true }, SYSTEM_ACTOR, m);
      byName.set(dep.name, dep.id);
    }
    return byName;
  }

  private async seedUsers(m: EntityManager, departments: Map<string, number>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const departmentId = 'department' in u ? departments.get(u.department) : undefined;
      const user = await this.users.create({ email: u.email, name: u.name, role: u.role, password: u.password, departmentId, active: true }, SYSTEM_ACTOR, m);
      ids.set(u.email, user.id);
    }
    return ids;
  }

  /** The press office: media directory, a week of agenda with coverage, and one invitation with answers. */
  private async seedPressOffice(m: EntityManager, departments: Map<string, number>, users: Map<string, number>): Promise<Map<string, number>> {
    const crew = [];
    for (const u of DEMO_PRESS_CREW) crew.push((await this.users.create({ ...u, role: 'press', active: true }, SYSTEM_ACTOR, m)).id);
    const press: Actor = { userId: users.get('prensa@tampacan.gob.mx')!, label: 'prensa@tampacan.gob.mx', ip: null, role: 'press' };
    const liaison: Actor = { userId: users.get('enlace.obras@tampacan.gob.mx')!, label: 'enlace.obras@tampacan.gob.mx', ip: null, role: 'liaison', departmentId: departments.get('Obras Públicas')! };
    const lists = await seedMediaDirectory(this.mediaDirectory, press, m);
    const events = await seedAgenda({ events: this.agendaEvents, coverage: this.coverage, route: this.route }, { press, liaison }, departments, { lead: press.userId!, photo: crew[0], video: crew[1] }, m);
    await seedInvitationDemo(this.invitations, events.get('rueda')!, lists.get('Medios Huasteca')!, press, m);
    return events;
  }

  /**
   * Press office, part 3: the 2026 budget, three media agreements (one concluded with its
   * deliverables evidenced, one awaiting the mayor's approval, one in analysis), the year's
   * strategy with two campaigns and their pieces, a past and an upcoming blackout, and the
   * transparency obligations.
   */
  private async seedAgreements(m: EntityManager) {
    const userActor = async (email: string): Promise<Actor & { name: string }> => {
      const [u] = await m.query('SELECT id, name, role FROM users WHERE email = $1', [email]);
      return { userId: u.id, label: email, ip: null, role: u.role, name: u.name };
    };
    const press = await userActor('prensa@tampacan.gob.mx');
    const mayor = await userActor('presidenta@tampacan.gob.mx');
    const admin = await userActor('admin@tampacan.gob.mx');
    const outlet = async (o: { name: string; type: string; region: string; reach: number; reachKind: string; reachSource: string; website?: string }) => {
      const [row] = await m.query('SELECT id FROM media_outlets WHERE lower(name) = lower($1)', [o.name]);
      return (row?.id as number) ?? (await this.media.saveOutlet(null, { ...o, active: true } as never, SYSTEM_ACTOR, m)).id;
    };
    const radio = await outlet({ name: 'Huasteca Stereo 102.5', type: 'radio', region: 'Ciudad Valles', reach: 60000, reachKind: 'audience', reachSource: 'Estimación del medio' });
    const paper = await outlet({ name: 'El Sol de la Huasteca', type: 'print', region: 'Ciudad Valles', reach: 9000, reachKind: 'circulation', reachSource: 'Dicho del medio' });
    const digital = await outlet({ name: 'Huasteca Hoy', type: 'digital', region: 'Huasteca potosina', reach: 150000, reachKind: 'visitors', reachSource: 'Meta Business Suite' });
    const pdf = (title: string, lines: string[]) =>
      new Promise<Buffer>((resolve, reject) => {
        const doc = new PDFDocument({ size: 'LETTER', margin: 56 });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
        doc.fontSize(15).text(title).moveDown().fontSize(11);
        for (const l of lines) doc.text(l);
        doc.end();
      });
    const file = async (name: string, title: string, lines: string[]) => {
      const buffer = await pdf(title, lines);
      return { buffer, size: buffer.length, originalname: name, mimetype: 'application/pdf', fieldname: 'file' } as Express.Multer.File;
    };

    const line = await this.agreements.saveLine(null, { year: 2026, code: '3611', name: 'Difusión por radio, televisión y otros medios de mensajes sobre programas y actividades gubernamentales', assigned: 480000, modified: 450000 }, press, m);
    await this.agreements.saveLine(null, { year: 2026, code: '3612', name: 'Difusión por medios alternativos sobre programas y actividades gubernamentales', assigned: 120000 }, press, m);
    await this.agreements.saveLine(null, { year: 2026, code: '3661', name: 'Servicio de creación y difusión de contenido exclusivamente a través de Internet', assigned: 60000 }, press, m);

    await this.campaigns.saveStrategy(
      {
        year: 2026,
        title: 'Estrategia y Programa Anual de Comunicación Social 2026',
        objectives: 'Informar con oportunidad, claridad y veracidad las obras, acciones y servicios del H. Ayuntamiento de Tampacán; promover la participación ciudadana; difundir campañas de salud, educación y protección civil.',
        keyMessages: 'Servicios públicos cercanos; obras que mejoran la vida de las localidades; prevención y cuidado de la salud.',
        audiences: 'Población de la cabecera y de las localidades; jóvenes en redes sociales; medios de la Huasteca.',
      },
      press,
      m,
    );
    const vacunacion = await this.campaigns.saveCampaign(null, { name: 'Vacunación de temporada 2026', type: 'health', topic: 'Vacunación contra la influenza', objective: 'Informar dónde y cuándo vacunarse contra la influenza y el COVID-19.', audience: 'Familias, personas adultas mayores y niñas y niños', startsOn: '2026-01-15', endsOn: '2026-03-31', mediaPlan: 'Huasteca Stereo: 40 spots en el noticiero matutino. Página oficial: publicaciones semanales. Perifoneo en localidades.' }, press, m);
    const lluvias = await this.campaigns.saveCampaign(null, { name: 'Temporada de lluvias segura', type: 'civil_protection', topic: 'Prevención ante lluvias y crecientes', objective: 'Prevenir riesgos por lluvias intensas y crecientes de los ríos Tampacán y Moctezuma.', audience: 'Habitantes de zonas ribereñas', startsOn: '2026-06-01', endsOn: '2026-09-30', mediaPlan: 'Inserciones en El Sol de la Huasteca; cápsulas en radio; avisos en la página oficial.' }, press, m);
    const piece = async (campaignId: number, p: Record<string, unknown>, steps: string[]) => {
      const created = await this.campaigns.savePiece(null, campaignId, p as never, press, m);
      for (const to of steps) await this.campaigns.movePiece(created.id, { to } as never, press, m);
    };
    await piece(vacunacion.id, { kind: 'radio_spot', title: 'Spot: ¡Vacúnate esta temporada!', script: 'El H. Ayuntamiento de Tampacán y la Secretaría de Salud te invitan a vacunarte contra la influenza. Acude a tu centro de salud, de lunes a viernes de 8 a 14 horas.', outletId: radio, runsOn: '2026-01-20', runsUntil: '2026-03-20' }, ['script', 'production', 'approved', 'published']);
    await piece(vacunacion.id, { kind: 'post', title: 'Publicación: calendario de vacunación por localidad', script: 'Consulta el día que la brigada de salud visitará tu localidad.', placement: 'Página oficial de Facebook', runsOn: '2026-02-01', runsUntil: '2026-02-28' }, ['script', 'production', 'approved', 'published']);
    await piece(lluvias.id, { kind: 'print_insert', title: 'Inserción: qué hacer antes, durante y después de una creciente', script: 'Ubica el refugio temporal más cercano y ten a la mano tu mochila de emergencia.', outletId: paper, runsOn: '2026-06-07', runsUntil: '2026-06-07' }, ['script', 'production']);
    await piece(lluvias.id, { kind: 'info_capsule', title: 'Cápsula: números de emergencia de Protección Civil', script: 'Guarda el número de Protección Civil municipal: 482 365 0132.', outletId: radio, runsOn: '2026-06-15', runsUntil: '2026-07-15' }, ['script']);
    await piece(lluvias.id, { kind: 'notice', title: 'Aviso: limpieza de cauces y desazolve', placement: 'Página oficial y perifoneo' }, []);

    // 1. Concluded, with every deliverable evidenced and paid.
    const base = { requestingArea: 'Dirección de Comunicación Social', procedure: 'direct_award', legalBasis: 'Ley de Adquisiciones del Estado de San Luis Potosí, art. 22', serviceClassification: 'dissemination', budgetLineId: line.id, overBudgetAck: false };
    const done = await this.agreements.save(null, { ...base, outletId: radio, supplierName: 'Huasteca Stereo, S.A. de C.V.', supplierRfc: 'HST970714AB6', object: 'Difusión de 40 spots de 30 segundos de la campaña «Vacunación de temporada 2026» en el noticiero matutino.', contractNumber: 'CS-2026-003', subtotal: 16000, startsOn: '2026-01-20', endsOn: '2026-03-20', campaignId: vacunacion.id, serviceType: 'Spots de radio' } as never, press, m);
    const spots = await this.agreements.addDeliverable(done.id, { kind: 'spot', description: 'Spot de 30 s en el noticiero matutino', quantity: 40, unitCost: 400 }, press, m);
    await this.agreements.addDocument(done.id, 'proposal', await file('propuesta-huasteca-stereo.pdf', 'Propuesta comercial', ['Huasteca Stereo, S.A. de C.V.', '40 spots de 30 s, $400.00 c/u más IVA.']), press, m);
    await this.agreements.transition(done.id, { to: 'analysis' } as never, press, m);
    await this.agreements.saveAnalysis(done.id, { analysisNotes: 'Noticiero de mayor audiencia en la Huasteca; horario adecuado para familias. Costo por contacto razonable frente a la prensa escrita.' }, press, m);
    await this.agreements.transition(done.id, { to: 'proposed' } as never, press, m);
    await this.agreements.transition(done.id, { to: 'approved', note: 'Procede conforme al programa anual.' } as never, mayor, m);
    await this.agreements.addDocument(done.id, 'contract', await file('contrato-CS-2026-003.pdf', 'Contrato CS-2026-003', ['Convenio de difusión con Huasteca Stereo, S.A. de C.V.', 'Firmado el 15 de enero de 2026.']), press, m);
    await this.agreements.transition(done.id, { to: 'signed', contractDate: '2026-01-15' } as never, press, m);
    await this.agreements.transition(done.id, { to: 'active' } as never, press, m);
    await this.agreements.recordDelivery(done.id, { deliverableId: spots.id, quantity: 20, deliveredOn: '2026-02-20' } as never, await file('pauta-febrero.pdf', 'Testigo de transmisión, febrero', ['20 spots transmitidos del 20 de enero al 20 de febrero.']), press, m);
    await this.agreements.recordDelivery(done.id, { deliverableId: spots.id, quantity: 20, deliveredOn: '2026-03-20' } as never, await file('pauta-marzo.pdf', 'Testigo de transmisión, marzo', ['20 spots transmitidos del 21 de febrero al 20 de marzo.']), press, m);
    await this.agreements.recordPayment(done.id, { invoiceNumber: 'RH-1187', invoiceDate: '2026-02-25', amount: 9280, paidOn: '2026-03-05' } as never, await file('factura-RH-1187.pdf', 'Factura RH-1187', ['Importe: $9,280.00 (IVA incluido)']), press, m);
    await this.agreements.recordPayment(done.id, { invoiceNumber: 'RH-1240', invoiceDate: '2026-03-25', amount: 9280, paidOn: '2026-04-06' } as never, await file('factura-RH-1240.pdf', 'Factura RH-1240', ['Importe: $9,280.00 (IVA incluido)']), press, m);
    await this.agreements.transition(done.id, { to: 'concluded' } as never, press, m);

    // 2. Proposed: awaiting the mayor's approval.
    const proposed = await this.agreements.save(null, { ...base, outletId: paper, supplierName: 'Editora del Sol de la Huasteca, S.A. de C.V.', supplierRfc: 'ESH850312K28', object: 'Cuatro inserciones de media plana de la campaña «Temporada de lluvias segura».', subtotal: 24000, startsOn: '2026-06-01', endsOn: '2026-08-31', campaignId: lluvias.id, serviceType: 'Inserciones en prensa' } as never, press, m);
    await this.agreements.addDeliverable(proposed.id, { kind: 'insert', description: 'Inserción de media plana, sección local', quantity: 4, unitCost: 6000 }, press, m);
    await this.agreements.addDocument(proposed.id, 'proposal', await file('propuesta-el-sol.pdf', 'Propuesta de inserciones', ['Cuatro inserciones de media plana, $6,000.00 c/u más IVA.']), press, m);
    await this.agreements.transition(proposed.id, { to: 'analysis' } as never, press, m);
    await this.agreements.saveAnalysis(proposed.id, { analysisNotes: 'Única publicación impresa con circulación en las localidades ribereñas; útil para la población sin acceso a internet.' }, press, m);
    await this.agreements.transition(proposed.id, { to: 'proposed' } as never, press, m);

    // 3. In analysis.
    const analysis = await this.agreements.save(null, { ...base, outletId: digital, supplierName: 'Medios Digitales Huastecos, S.C.', supplierRfc: 'MDH190605QW0', object: 'Banners y publicaciones patrocinadas sobre servicios municipales durante el segundo semestre.', subtotal: 18000, startsOn: '2026-07-01', endsOn: '2026-12-31', serviceType: 'Banners y publicaciones' } as never, press, m);
    await this.agreements.addDeliverable(analysis.id, { kind: 'banner', description: 'Banner en portada, un mes', quantity: 6, unitCost: 2000 }, press, m);
    await this.agreements.addDeliverable(analysis.id, { kind: 'post', description: 'Publicación patrocinada en redes del medio', quantity: 6, unitCost: 1000 }, press, m);
    await this.agreements.transition(analysis.id, { to: 'analysis' } as never, press, m);

    // Electoral blackout: a past recall vote and the coming local election.
    await this.blackout.savePeriod(null, { name: 'Revocación de mandato 2022', kind: 'recall', startsOn: '2022-02-04', endsOn: '2022-04-10', notes: 'Veda de propaganda gubernamental por la consulta de revocación de mandato (INE).' }, admin, m);
    await this.blackout.savePeriod(null, { name: 'Proceso Electoral Local 2026-2027: campañas y jornada', kind: 'state', startsOn: '2027-04-04', endsOn: '2027-06-06', notes: 'Del inicio de las campañas a la jornada electoral (CEEPAC).' }, admin, m);
    await this.blackout.addWatchedName({ name: 'Rosa Elena Téllez', position: 'Presidenta Municipal' }, admin, m);

    // The office's transparency obligations.
    await this.transparency.saveObligation(null, { title: 'Gasto en comunicación social y publicidad oficial', legalBasis: 'LGTAIP art. 70, fr. XXIII', daysAfterQuarter: 30, remindDaysBefore: 7, active: true }, press, m);
    await this.transparency.saveObligation(null, { title: 'Utilización de los tiempos oficiales en radio y televisión', legalBasis: 'LGTAIP art. 70, fr. XXIII (formato C)', daysAfterQuarter: 30, remindDaysBefore: 7, active: true }, press, m);
    await this.transparency.saveObligation(null, { title: 'Programa anual de comunicación social', legalBasis: 'LGTAIP art. 70, fr. XXIII (formato A)', daysAfterQuarter: 30, remindDaysBefore: 10, active: true }, press, m);
  }

  /** Media monitoring: the keyword rules and a few clippings of November (feeds need the network: none here). */
  private async seedMonitoring(m: EntityManager) {
    const [{ id: pressId }] = await m.query(`SELECT id FROM users WHERE email = 'prensa@tampacan.gob.mx'`);
    const press: Actor = { userId: pressId, label: 'prensa@tampacan.gob.mx', ip: null, role: 'press' };
    for (const term of ['Tampacán', 'Rosa Elena Téllez', 'Presidenta Municipal', 'Protección Civil', 'DIF Municipal', 'agua potable']) await this.monitoring.addKeyword({ term }, press, m);
    const outlet = async (name: string) => ((await m.query('SELECT id FROM media_outlets WHERE name = $1', [name]))[0]?.id as number) ?? undefined;
    const clip = async (c: Record<string, unknown>) => this.monitoring.addClipping(c as never, undefined, press, m);
    await clip({ outletId: await outlet('El Sol de la Huasteca'), medium: 'press', publishedAt: '2026-11-03T08:00', headline: 'Tampacán inaugura pozo de agua potable en la localidad de Tamarindo', tone: 'positive', reach: 8000, excerpt: 'Más de 300 familias contarán con agua potable todo el año.', tags: 'agua, obras' });
    await clip({ outletId: await outlet('Huasteca Stereo 102.5'), medium: 'radio', publishedAt: '2026-11-10T07:15', headline: 'Entrevista a Protección Civil sobre el frente frío 12', tone: 'neutral', reach: 45000, tags: 'protección civil' });
    await clip({ outletId: await outlet('Huasteca Hoy'), medium: 'digital', url: 'https://huastecahoy.example.mx/tampacan-baches', publishedAt: '2026-11-18T13:40', headline: 'Vecinos de Tampacán piden bacheo en la calle Hidalgo', tone: 'negative', reach: 120000, tags: 'bacheo' });
  }
}

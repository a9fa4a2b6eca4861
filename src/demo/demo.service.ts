import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { seedAgenda } from '../agenda/agenda-demo';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { AgendaRouteService } from '../agenda/agenda-route.service';
import { CoverageService } from '../agenda/coverage.service';
import { Actor, SYSTEM_ACTOR } from '../audit/audit-actor';
import { UsersService } from '../auth/users.service';
import { CasesDemo } from '../cases/cases-demo';
import { MailboxDemo } from '../mailbox/mailbox-demo';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsService } from '../departments/departments.service';
import { InvitationsService } from '../media-relations/invitations.service';
import { seedInvitationDemo, seedMediaDirectory } from '../media-relations/media-demo';
import { MediaDirectoryService } from '../media-relations/media-directory.service';

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
    private readonly mailboxDemo: MailboxDemo,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.DEMO_DATA) return false;
    const [{ n }] = (await this.dataSource.query('SELECT count(*)::int AS n FROM users')) as { n: number }[];
    if (n > 0) return false;
    await this.seed();
    return true;
  }

  async seed(): Promise<void> {
    const started = Date.now();
    await this.dataSource.transaction(async (m) => {
      const byName = await this.seedDepartments(m);
      const userIds = await this.seedUsers(m, byName);
      const year = new Date().getFullYear();
      await this.departments.preloadHolidays(year, SYSTEM_ACTOR, m);
      await this.departments.preloadHolidays(year + 1, SYSTEM_ACTOR, m);
      await this.casesDemo.seed(m, byName);
      await this.seedPressOffice(m, byName, userIds);
      await this.mailboxDemo.seed(m, userIds);
    });
    this.logger.log(`Datos de demostración cargados en ${Date.now() - started} ms`);
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
  private async seedPressOffice(m: EntityManager, departments: Map<string, number>, users: Map<string, number>) {
    const crew = [];
    for (const u of DEMO_PRESS_CREW) crew.push((await this.users.create({ ...u, role: 'press', active: true }, SYSTEM_ACTOR, m)).id);
    const press: Actor = { userId: users.get('prensa@tampacan.gob.mx')!, label: 'prensa@tampacan.gob.mx', ip: null, role: 'press' };
    const liaison: Actor = { userId: users.get('enlace.obras@tampacan.gob.mx')!, label: 'enlace.obras@tampacan.gob.mx', ip: null, role: 'liaison', departmentId: departments.get('Obras Públicas')! };
    const lists = await seedMediaDirectory(this.mediaDirectory, press, m);
    const events = await seedAgenda({ events: this.agendaEvents, coverage: this.coverage, route: this.route }, { press, liaison }, departments, { lead: press.userId!, photo: crew[0], video: crew[1] }, m);
    await seedInvitationDemo(this.invitations, events.get('rueda')!, lists.get('Medios Huasteca')!, press, m);
  }
}

import { INestApplication } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import type { Role } from '../../src/auth/roles';
import { UsersService } from '../../src/auth/users.service';
import { Department } from '../../src/departments/department.entity';
import { DepartmentsService } from '../../src/departments/departments.service';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export const TEST_PASSWORD = 'Prueba-Segura-2026';

/** Small factories with overrides, through the app's own services (so audit rows are real too). */
export class Factories {
  constructor(private readonly app: INestApplication) {}

  async department(overrides: Partial<{ name: string; headName: string; email: string; phone: string; active: boolean }> = {}): Promise<Department> {
    return this.app.get(DepartmentsService).create({ name: `Dependencia ${next()}`, active: true, ...overrides }, SYSTEM_ACTOR);
  }

  async user(role: Role, overrides: Partial<{ email: string; name: string; departmentId: number; active: boolean; password: string }> = {}) {
    let departmentId = overrides.departmentId;
    if (role === 'liaison' && !departmentId) departmentId = (await this.department()).id;
    const password = overrides.password ?? TEST_PASSWORD;
    const user = await this.app.get(UsersService).create(
      { email: overrides.email ?? `${role}.${next()}@prueba.gob.mx`, name: overrides.name ?? `Persona ${role}`, role, departmentId, active: overrides.active ?? true, password },
      SYSTEM_ACTOR,
    );
    return { ...user, password };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { User } from './user.entity';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  role: User['role'];
  departmentId: number | null;
  departmentName: string | null;
  active: boolean;
  lastLoginAt: Date | null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(User);
  }

  /** The signed-in person, on every request (passport's deserializeUser): plain SQL, no ORM hydration on this hot path. */
  async sessionUser(id: number): Promise<{ id: number; email: string; name: string; role: User['role']; departmentId: number | null; mustChangePassword: boolean } | null> {
    const [u] = await this.dataSource.query(
      `SELECT id, email, name, role, department_id AS "departmentId", must_change_password AS "mustChangePassword" FROM users WHERE id = $1 AND active`,
      [id],
    );
    return u ?? null;
  }

  /**
   * Ends every session of a user (stored by connect-pg-simple, the user's id under passport),
   * except the one given: after a change of password, only the browser that changed it stays in.
   */
  async endSessions(userId: number, exceptSessionId: string | null, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(`DELETE FROM session WHERE sess->'passport'->>'user' = $1 AND sid IS DISTINCT FROM $2`, [String(userId), exceptSessionId]);
  }

  findById(id: number, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repo(manager).findOne({ where: { email: email.toLowerCase() } });
  }

  async list(): Promise<UserRow[]> {
    return this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.role, u.department_id AS "departmentId", d.name AS "departmentName",
              u.active, u.last_login_at AS "lastLoginAt"
         FROM users u LEFT JOIN departments d ON d.id = u.department_id
        ORDER BY u.active DESC, u.name`,
    );
  }

  async listActive(filter: { role?: User['role']; departmentId?: number } = {}): Promise<{ id: number; name: string; email: string; role: string }[]> {
    const q = this.repo().createQueryBuilder('u').select(['u.id', 'u.name', 'u.email', 'u.role']).where('u.active').orderBy('u.name');
    if (filter.role) q.andWhere('u.role = :role', { role: filter.role });
    if (filter.departmentId) q.andWhere('u.department_id = :d', { d: filter.departmentId });
    return q.getMany();
  }

  async count(manager?: EntityManager): Promise<number> {
    return this.repo(manager).count();
  }

  save(user: User, manager?: EntityManager): Promise<User> {
    return this.repo(manager).save(user);
  }

  create(fields: Partial<User>, manager?: EntityManager): User {
    return this.repo(manager).create(fields);
  }

  departmentOptions(): Promise<{ id: number; name: string }[]> {
    return this.dataSource.query('SELECT id, name FROM departments WHERE active ORDER BY name');
  }

  async departmentExists(id: number, manager?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (manager ?? this.dataSource.manager).query('SELECT 1 FROM departments WHERE id = $1', [id]);
    return rows.length > 0;
  }

  async touchLogin(id: number, at: Date): Promise<void> {
    await this.repo().update({ id }, { lastLoginAt: at });
  }
}

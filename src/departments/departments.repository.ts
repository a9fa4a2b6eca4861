import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Department } from './department.entity';
import { Holiday } from './holiday.entity';

@Injectable()
export class DepartmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Department, { where: { id } });
  }

  findByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(Department, 'd').where('lower(d.name) = lower(:name)', { name }).getOne();
  }

  /** Active departments as choices for a select (the inbox's filter, on every load): plain SQL. */
  options(): Promise<{ value: number; labelText: string }[]> {
    return this.dataSource.query(`SELECT id AS value, name AS "labelText" FROM departments WHERE active ORDER BY name`);
  }

  list(onlyActive = false, manager?: EntityManager): Promise<Department[]> {
    return this.m(manager).find(Department, { where: onlyActive ? { active: true } : {}, order: { name: 'ASC' } });
  }

  save(d: Department, manager?: EntityManager) {
    return this.m(manager).save(Department, d);
  }

  create(fields: Partial<Department>, manager?: EntityManager) {
    return this.m(manager).create(Department, fields);
  }

  holidaysOfYear(year: number, manager?: EntityManager): Promise<Holiday[]> {
    return this.m(manager)
      .createQueryBuilder(Holiday, 'h')
      .where('h.day >= :from AND h.day <= :to', { from: `${year}-01-01`, to: `${year}-12-31` })
      .orderBy('h.day')
      .getMany();
  }

  /** Holidays from a date on, as a set of 'YYYY-MM-DD' (enough for any deadline arithmetic). */
  async holidaySet(fromDay: string, manager?: EntityManager): Promise<Set<string>> {
    const rows: { day: string }[] = await this.m(manager).query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE day >= $1::date - 400`, [fromDay]);
    return new Set(rows.map((r) => r.day));
  }

  async insertHolidays(rows: { day: string; name: string }[], manager?: EntityManager): Promise<number> {
    if (!rows.length) return 0;
    const res = await this.m(manager).createQueryBuilder().insert().into(Holiday).values(rows).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length;
  }

  findHoliday(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Holiday, { where: { id } });
  }

  findHolidayByDay(day: string, manager?: EntityManager) {
    return this.m(manager).findOne(Holiday, { where: { day } });
  }

  async deleteHoliday(id: number, manager?: EntityManager) {
    await this.m(manager).delete(Holiday, { id });
  }
}

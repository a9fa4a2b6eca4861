import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { FieldError } from '../common/forms';
import { addBusinessDays, businessDaysBetween, mexicanHolidays } from './business-days';
import { Department } from './department.entity';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentFormDto, HolidayFormDto } from './dto/department.dto';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: DepartmentsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Active departments as select choices. */
  options() {
    return this.repo.options();
  }

  list(onlyActive = false) {
    return this.repo.list(onlyActive);
  }

  async get(id: number): Promise<Department> {
    const d = await this.repo.findById(id);
    if (!d) throw new NotFoundException();
    return d;
  }

  async create(dto: DepartmentFormDto, actor: Actor, manager?: EntityManager): Promise<Department> {
    const run = async (m: EntityManager) => {
      if (await this.repo.findByName(dto.name, m)) throw new FieldError('name', 'validation.name_taken');
      const d = await this.repo.save(this.repo.create({ name: dto.name, headName: dto.headName ?? null, email: dto.email?.toLowerCase() ?? null, phone: dto.phone ?? null, active: dto.active }, m), m);
      await this.audit.record(actor, { action: 'department.create', entityType: 'department', entityId: d.id, details: { name: d.name } }, m);
      return d;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(id: number, dto: DepartmentFormDto, actor: Actor): Promise<Department> {
    return this.dataSource.transaction(async (m) => {
      const d = await this.repo.findById(id, m);
      if (!d) throw new NotFoundException();
      const other = await this.repo.findByName(dto.name, m);
      if (other && other.id !== id) throw new FieldError('name', 'validation.name_taken');
      const before = { name: d.name, headName: d.headName, email: d.email, phone: d.phone, active: d.active };
      Object.assign(d, { name: dto.name, headName: dto.headName ?? null, email: dto.email?.toLowerCase() ?? null, phone: dto.phone ?? null, active: dto.active });
      await this.repo.save(d, m);
      const after = { name: d.name, headName: d.headName, email: d.email, phone: d.phone, active: d.active };
      const changed = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
      );
      await this.audit.record(actor, { action: 'department.update', entityType: 'department', entityId: id, details: { changed } }, m);
      return d;
    });
  }

  holidays(year: number) {
    return this.repo.holidaysOfYear(year);
  }

  async addHoliday(dto: HolidayFormDto, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (await this.repo.findHolidayByDay(dto.day, m)) throw new FieldError('day', 'validation.holiday_exists');
      await this.repo.insertHolidays([{ day: dto.day, name: dto.name }], m);
      await this.audit.record(actor, { action: 'holiday.create', entityType: 'holiday', entityId: dto.day, details: { name: dto.name } }, m);
    });
  }

  async removeHoliday(id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const h = await this.repo.findHoliday(id, m);
      if (!h) throw new NotFoundException();
      await this.repo.deleteHoliday(id, m);
      await this.audit.record(actor, { action: 'holiday.delete', entityType: 'holiday', entityId: h.day, details: { name: h.name } }, m);
    });
  }

  /** Load Mexico's official holidays for a year; days already on the calendar are left as they are. */
  async preloadHolidays(year: number, actor: Actor, manager?: EntityManager): Promise<number> {
    const run = async (m: EntityManager) => {
      const added = await this.repo.insertHolidays(mexicanHolidays(year), m);
      await this.audit.record(actor, { action: 'holiday.preload', entityType: 'holiday', entityId: String(year), details: { added } }, m);
      return added;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Deadline `days` business days after `fromDay`, on the town hall's calendar. */
  async deadline(fromDay: string, days: number, manager?: EntityManager): Promise<string> {
    return addBusinessDays(fromDay, days, await this.repo.holidaySet(fromDay, manager));
  }

  async businessDaysLeft(today: string, dueDay: string, manager?: EntityManager): Promise<number> {
    return businessDaysBetween(today, dueDay, await this.repo.holidaySet(today < dueDay ? today : dueDay, manager));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BlackoutPeriod } from './blackout-period.entity';
import { WatchedName } from './watched-name.entity';

/** Every query of the electoral blackout and the article-134 watch list. */
@Injectable()
export class BlackoutRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  periods(manager?: EntityManager): Promise<BlackoutPeriod[]> {
    return this.m(manager).find(BlackoutPeriod, { order: { startsOn: 'DESC', id: 'DESC' } });
  }
  /** Periods touching [from, to] (YYYY-MM-DD), for the check and the calendars. */
  periodsBetween(from: string, to: string, manager?: EntityManager): Promise<BlackoutPeriod[]> {
    return this.m(manager).createQueryBuilder(BlackoutPeriod, 'p').where('p.starts_on <= :to AND p.ends_on >= :from', { from, to }).orderBy('p.starts_on').addOrderBy('p.id').getMany();
  }
  findPeriod(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(BlackoutPeriod, { where: { id } });
  }
  savePeriod(p: Partial<BlackoutPeriod>, manager?: EntityManager) {
    return this.m(manager).save(BlackoutPeriod, p);
  }
  async deletePeriod(id: number, manager: EntityManager) {
    await manager.delete(BlackoutPeriod, { id });
  }

  watchedNames(manager?: EntityManager): Promise<WatchedName[]> {
    return this.m(manager).find(WatchedName, { order: { name: 'ASC' } });
  }
  findWatchedByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(WatchedName, 'w').where('lower(w.name) = lower(:name)', { name }).getOne();
  }
  saveWatched(w: Partial<WatchedName>, manager?: EntityManager) {
    return this.m(manager).save(WatchedName, w);
  }
  async deleteWatched(id: number, manager: EntityManager) {
    await manager.delete(WatchedName, { id });
  }
}

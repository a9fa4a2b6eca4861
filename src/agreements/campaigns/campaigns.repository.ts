import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignPieceFile } from './campaign-piece-file.entity';
import { CampaignPiece } from './campaign-piece.entity';
import { Campaign } from './campaign.entity';
import { CommunicationStrategy } from './communication-strategy.entity';

export interface PieceRow {
  id: number;
  campaignId: number;
  campaignName: string;
  kind: string;
  title: string;
  status: string;
  outletName: string | null;
  placement: string | null;
  runsOn: string | null;
  runsUntil: string | null;
}

/** Every query of campaigns, pieces and the year's strategy. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  strategy(year: number, manager?: EntityManager) {
    return this.m(manager).findOne(CommunicationStrategy, { where: { year } });
  }
  saveStrategy(s: Partial<CommunicationStrategy>, manager: EntityManager) {
    return manager.save(CommunicationStrategy, s);
  }

  campaigns(year: number, manager?: EntityManager): Promise<(Campaign & { pieces: number; published: number })[]> {
    return this.m(manager).query(
      `SELECT c.id, c.year, c.name, c.type, c.topic, c.audience, to_char(c.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') AS "endsOn",
              (SELECT count(*)::int FROM campaign_pieces p WHERE p.campaign_id = c.id) AS pieces,
              (SELECT count(*)::int FROM campaign_pieces p WHERE p.campaign_id = c.id AND p.status = 'published') AS published
         FROM campaigns c WHERE c.year = $1 ORDER BY c.starts_on, c.name`,
      [year],
    );
  }
  findCampaign(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Campaign, { where: { id } });
  }
  findCampaignByName(year: number, name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(Campaign, 'c').where('c.year = :year AND lower(c.name) = lower(:name)', { year, name }).getOne();
  }
  saveCampaign(c: Partial<Campaign>, manager: EntityManager) {
    return manager.save(Campaign, c);
  }

  /** Pieces of one campaign, or of every campaign running between two days (the content calendar). */
  pieces(filter: { campaignId?: number; from?: string; to?: string }, manager?: EntityManager): Promise<PieceRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.campaignId) where.push(`p.campaign_id = $${params.push(filter.campaignId)}`);
    if (filter.from && filter.to) {
      const a = params.push(filter.from);
      const b = params.push(filter.to);
      where.push(`p.runs_on IS NOT NULL AND p.runs_on <= $${b} AND coalesce(p.runs_until, p.runs_on) >= $${a}`);
    }
    return this.m(manager).query(
      `SELECT p.id, p.campaign_id AS "campaignId", c.name AS "campaignName", p.kind, p.title, p.status, o.name AS "outletName", p.placement,
              to_char(p.runs_on, 'YYYY-MM-DD') AS "runsOn", to_char(p.runs_until, 'YYYY-MM-DD') AS "runsUntil"
         FROM campaign_pieces p JOIN campaigns c ON c.id = p.campaign_id LEFT JOIN media_outlets o ON o.id = p.outlet_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY p.runs_on NULLS LAST, p.id LIMIT 1000`,
      params,
    );
  }
  findPiece(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(CampaignPiece, { where: { id } });
  }
  findPieceForUpdate(id: number, manager: EntityManager) {
    return manager.createQueryBuilder(CampaignPiece, 'p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }
  savePiece(p: Partial<CampaignPiece>, manager: EntityManager) {
    return manager.save(CampaignPiece, p);
  }
  files(pieceId: number, manager?: EntityManager) {
    return this.m(manager).find(CampaignPieceFile, { where: { pieceId }, order: { id: 'ASC' } });
  }
  findFile(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(CampaignPieceFile, { where: { id } });
  }
  saveFile(f: Partial<CampaignPieceFile>, manager: EntityManager) {
    return manager.save(CampaignPieceFile, f);
  }
  async outletExists(id: number, manager?: EntityManager): Promise<boolean> {
    const rows = await this.m(manager).query('SELECT 1 FROM media_outlets WHERE id = $1', [id]);
    return rows.length > 0;
  }
}

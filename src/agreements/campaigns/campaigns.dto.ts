import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toOptionalInt } from '../../common/transforms';
import { BLACKOUT_EXCEPTIONS } from '../blackout/blackout-rules';
import { IsDay } from '../form-rules';
import { CAMPAIGN_TYPES, PIECE_KINDS, PIECE_STATUSES } from './campaign-kinds';

export class StrategyFormDto {
  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.year' }) @Min(2000, { message: 'agreements.validation.year' }) @Max(2100, { message: 'agreements.validation.year' })
  year: number;

  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'campaigns.validation.title' })
  title: string;

  @IsString({ message: 'validation.required' }) @Length(10, 8000, { message: 'campaigns.validation.objectives' })
  objectives: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(8000, { message: 'validation.too_long' })
  keyMessages?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  audiences?: string;
}

export class CampaignFormDto {
  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'campaigns.validation.title' })
  name: string;

  @IsIn(CAMPAIGN_TYPES as unknown as string[], { message: 'campaigns.validation.type' })
  type: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  topic?: string;

  @IsString({ message: 'validation.required' }) @Length(10, 4000, { message: 'campaigns.validation.objective' })
  objective: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  audience?: string;

  @IsDay({ message: 'validation.date' })
  startsOn: string;

  @IsDay({ message: 'validation.date' })
  endsOn: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(8000, { message: 'validation.too_long' })
  mediaPlan?: string;
}

export class PieceFormDto {
  @IsIn(PIECE_KINDS as unknown as string[], { message: 'campaigns.validation.kind' })
  kind: string;

  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'campaigns.validation.title' })
  title: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(20000, { message: 'validation.too_long' })
  script?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agreements.validation.outlet' })
  outletId?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  placement?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsDay({ message: 'validation.date' })
  runsOn?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsDay({ message: 'validation.date' })
  runsUntil?: string;
}

export class PieceMoveFormDto {
  @IsIn(PIECE_STATUSES as unknown as string[], { message: 'campaigns.validation.status' })
  to: string;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(BLACKOUT_EXCEPTIONS as unknown as string[], { message: 'blackout.refused.unknown_exception' })
  exception?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  exceptionReason?: string;
}

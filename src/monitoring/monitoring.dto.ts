import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toOptionalInt } from '../common/transforms';
import { MEDIA_KINDS, TONES } from './monitoring-rules';

const URL_OPTS = { require_protocol: true, protocols: ['http', 'https'], require_tld: false };

export class ClippingFormDto {
  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'monitoring.validation.outlet' })
  outletId?: number;

  @IsIn(MEDIA_KINDS as unknown as string[], { message: 'monitoring.validation.medium' })
  medium: string;

  @IsString({ message: 'monitoring.validation.published_at' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, { message: 'monitoring.validation.published_at' })
  publishedAt: string;

  @IsString({ message: 'validation.required' }) @Length(3, 300, { message: 'monitoring.validation.headline' })
  headline: string;

  @Transform(emptyToUndefined) @IsOptional() @IsUrl(URL_OPTS, { message: 'media.validation.url' }) @MaxLength(1000, { message: 'validation.too_long' })
  url?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(8000, { message: 'validation.too_long' })
  excerpt?: string;

  @IsIn(TONES as unknown as string[], { message: 'monitoring.validation.tone' })
  tone: string = 'neutral';

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'media.validation.reach' }) @Min(0, { message: 'media.validation.reach' }) @Max(2_000_000_000, { message: 'media.validation.reach' })
  reach?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'monitoring.validation.release' }) @Min(1, { message: 'monitoring.validation.release' }) @Max(2_000_000_000, { message: 'monitoring.validation.release' })
  releaseId?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(500, { message: 'validation.too_long' })
  tags?: string;
}

export class FeedFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @IsString({ message: 'media.validation.url' }) @IsUrl(URL_OPTS, { message: 'media.validation.url' }) @MaxLength(1000, { message: 'validation.too_long' })
  url: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'monitoring.validation.outlet' })
  outletId?: number;
}

export class KeywordFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 120, { message: 'monitoring.validation.term' })
  term: string;
}

export class AcceptFormDto {
  @IsIn(TONES as unknown as string[], { message: 'monitoring.validation.tone' })
  tone: string = 'neutral';

  /** The release the piece reports, if any (for its pickup). */
  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'monitoring.validation.release' }) @Min(1, { message: 'monitoring.validation.release' }) @Max(2_000_000_000, { message: 'monitoring.validation.release' })
  releaseId?: number;
}

export class LinkReleaseDto {
  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'monitoring.validation.release' }) @Min(1, { message: 'monitoring.validation.release' }) @Max(2_000_000_000, { message: 'monitoring.validation.release' })
  releaseId?: number;
}

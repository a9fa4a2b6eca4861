import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { emptyToUndefined, toOptionalInt } from '../../common/transforms';

export class PostDto {
  @IsString({ message: 'validation.required' }) @Length(1, 5000, { message: 'social.validation.text' })
  text: string;

  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'social.validation.link' }) @MaxLength(500, { message: 'validation.too_long' })
  link?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'bank.validation.datetime' })
  scheduledAt?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt()
  releaseId?: number;

  @IsIn(['draft', 'publish'], { message: 'social.validation.intent' })
  intent: 'draft' | 'publish' = 'draft';

  /** A legal exception to an electoral blackout, with its reason (only asked during one). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(40)
  exception?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  exceptionReason?: string;
}

export class MarkPublishedDto {
  @IsUrl({ require_tld: true, protocols: ['https'], require_protocol: true }, { message: 'social.validation.published_url' }) @MaxLength(500, { message: 'validation.too_long' })
  url: string;
}

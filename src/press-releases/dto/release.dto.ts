import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toOptionalInt } from '../../common/transforms';
import { RELEASE_ACTIONS, ReleaseAction } from '../release-status';

export class ReleaseDto {
  @IsString({ message: 'validation.required' }) @Length(3, 250, { message: 'releases.validation.title' })
  title: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(400, { message: 'validation.too_long' })
  subtitle?: string;

  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  place: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  releaseDate: string;

  @IsString({ message: 'validation.required' }) @Length(1, 60_000, { message: 'releases.validation.body' })
  body: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(5000, { message: 'validation.too_long' })
  quotes?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'validation.unknown_department' })
  departmentId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'bank.validation.event' }) @Min(1, { message: 'bank.validation.event' })
  eventId?: number;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'bank.validation.datetime' })
  embargoUntil?: string;
}

export class TemplateDto {
  @IsString({ message: 'validation.required' }) @Length(3, 1000, { message: 'releases.validation.letterhead' })
  letterhead: string;

  @IsString({ message: 'validation.required' }) @Length(1, 40, { message: 'validation.too_long' })
  numberPrefix: string;

  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  defaultPlace: string;

  @IsString({ message: 'validation.required' }) @Length(3, 1000, { message: 'releases.validation.footer' })
  contactFooter: string;
}

export class ActionDto {
  @IsIn(RELEASE_ACTIONS as unknown as string[], { message: 'releases.rule.unknown_action' })
  action: ReleaseAction;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  comment?: string;

  /** A legal exception to an electoral blackout, with its reason (only asked during one). */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(40)
  exception?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  exceptionReason?: string;
}

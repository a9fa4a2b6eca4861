import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { emptyToUndefined, toCheckbox, toLowerTrim, toOptionalInt } from '../../common/transforms';
import { CASE_STATUSES } from '../case-status';
import { CASE_TYPES, CHANNELS } from '../case.entity';

const toOptionalNumber = ({ value }: { value: unknown }) =>
  value === '' || value == null ? undefined : typeof value === 'string' && /^-?\d{1,3}(\.\d{1,12})?$/.test(value.trim()) ? Number(value) : value;

/** The request form, public (/solicitudes/nueva) and at the counter (/casos/nueva). Messages are i18n keys. */
export class CaseFormDto {
  @IsIn(CASE_TYPES as unknown as string[], { message: 'cases.validation.type' })
  type: (typeof CASE_TYPES)[number];

  @Transform(toOptionalInt) @IsInt({ message: 'cases.validation.unknown_category' }) @Min(1, { message: 'cases.validation.unknown_category' })
  categoryId: number;

  @Length(1, 4000, { message: 'cases.validation.description_length' }) @IsNotEmpty({ message: 'cases.validation.description_required' }) @IsString({ message: 'cases.validation.description_required' })
  description: string;

  @IsString({ message: 'cases.validation.locality' }) @Length(2, 120, { message: 'cases.validation.locality' })
  locality: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(120, { message: 'validation.too_long' })
  neighborhood?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  street?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  reference?: string;

  @Transform(toOptionalNumber) @IsOptional() @IsNumber({}, { message: 'cases.validation.point' }) @Min(-90, { message: 'cases.validation.point' }) @Max(90, { message: 'cases.validation.point' })
  latitude?: number;

  @Transform(toOptionalNumber) @ValidateIf((o: CaseFormDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsNumber({}, { message: 'cases.validation.point' }) @Min(-180, { message: 'cases.validation.point' }) @Max(180, { message: 'cases.validation.point' })
  longitude?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  contactName?: string;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  contactEmail?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[0-9 +()\-.ext]{7,40}$/i, { message: 'validation.phone' })
  contactPhone?: string;

  @Transform(toCheckbox) @IsBoolean() @IsIn([true], { message: 'cases.validation.consent' })
  consent = false;

  // Staff intake only; the public controller always files as "web".
  @Transform(emptyToUndefined) @IsOptional() @IsIn(CHANNELS as unknown as string[], { message: 'cases.validation.channel' })
  channel?: (typeof CHANNELS)[number];

  // Spam checks, read by the controller (not saved).
  @IsOptional() @IsString() website?: string;
  @IsOptional() @IsString() altcha?: string;
  @IsOptional() @IsString() challengeToken?: string;
  @IsOptional() @IsString() challengeAnswer?: string;
}

export class TrackDto {
  @IsString({ message: 'cases.track.not_found' }) @Length(1, 40, { message: 'cases.track.not_found' })
  folio: string;

  @IsString({ message: 'cases.track.not_found' }) @Length(1, 60, { message: 'cases.track.not_found' })
  code: string;
}

export class CitizenInfoDto {
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'cases.validation.description_length' })
  body?: string;
}

export class SurveyDto {
  @Transform(toOptionalInt) @IsInt({ message: 'cases.validation.score' }) @Min(1, { message: 'cases.validation.score' }) @Max(5, { message: 'cases.validation.score' })
  score: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  comment?: string;
}

export class ReasonDto {
  @IsString({ message: 'cases.validation.reason' }) @Length(3, 2000, { message: 'cases.validation.reason' })
  reason: string;
}

/** Every staff action carries the version of the case the form was drawn from. */
export class VersionedDto {
  @Transform(toOptionalInt) @IsInt({ message: 'cases.conflict' })
  version: number;
}

export class ClassifyDto extends VersionedDto {
  @IsIn(CASE_TYPES as unknown as string[], { message: 'cases.validation.type' })
  type: (typeof CASE_TYPES)[number];

  @Transform(toOptionalInt) @IsInt({ message: 'cases.validation.unknown_category' }) @Min(1, { message: 'cases.validation.unknown_category' })
  categoryId: number;

  @Transform(toOptionalInt) @IsInt({ message: 'cases.validation.priority' }) @Min(1, { message: 'cases.validation.priority' }) @Max(4, { message: 'cases.validation.priority' })
  priority: number;
}

export class RouteDto extends VersionedDto {
  @Transform(toOptionalInt) @IsInt({ message: 'validation.unknown_department' }) @Min(1, { message: 'validation.unknown_department' })
  departmentId: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  reason?: string;
}

export class AssignDto extends VersionedDto {
  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'cases.validation.assignee' })
  assigneeId?: number;
}

export class ReplyDto extends VersionedDto {
  @Transform(toOptionalInt) @IsOptional() @IsInt()
  answerId?: number;

  @Transform(emptyToUndefined) @ValidateIf((o: ReplyDto) => o.answerId === undefined)
  @IsString({ message: 'cases.validation.reply' }) @Length(2, 4000, { message: 'cases.validation.reply' })
  body?: string;
}

export class NoteDto extends VersionedDto {
  @IsString({ message: 'cases.validation.note' }) @Length(2, 4000, { message: 'cases.validation.note' })
  body: string;
}

export class StatusDto extends VersionedDto {
  @IsIn(CASE_STATUSES as unknown as string[], { message: 'cases.status_error.not_allowed' })
  status: (typeof CASE_STATUSES)[number];

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  note?: string;
}

export class DuplicateDto extends VersionedDto {
  @IsString({ message: 'cases.validation.duplicate_of' }) @Length(3, 40, { message: 'cases.validation.duplicate_of' })
  original: string;
}

/** The text Open311 publishes for a case of a public category (empty: the category's name). */
export class PublicTextDto extends VersionedDto {
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'cases.validation.public_text' })
  publicText?: string;
}

import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toOptionalInt } from '../../common/transforms';
import { USAGE_RIGHTS, UsageRights } from '../media-kinds';

/** What the person says about a batch of uploaded files (applies to each). */
export class UploadDto {
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(180, { message: 'validation.too_long' })
  title?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  caption?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  credit?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  takenOn?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  place?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'validation.too_long' })
  tags?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'bank.validation.event' }) @Min(1, { message: 'bank.validation.event' })
  eventId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'bank.validation.event' }) @Min(1, { message: 'bank.validation.event' })
  coverageId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'validation.unknown_department' })
  departmentId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt()
  collectionId?: number;

  @IsIn(USAGE_RIGHTS as unknown as string[], { message: 'bank.validation.rights' })
  rights: UsageRights = 'institutional';

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  rightsExpiresOn?: string;
}

export class AssetDto {
  @IsString({ message: 'validation.required' }) @Length(1, 200, { message: 'bank.validation.title' })
  title: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  caption?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  credit?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, { message: 'bank.validation.datetime' })
  takenAt?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  place?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'validation.too_long' })
  tags?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'bank.validation.event' }) @Min(1, { message: 'bank.validation.event' })
  eventId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'bank.validation.event' }) @Min(1, { message: 'bank.validation.event' })
  coverageId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'validation.unknown_department' })
  departmentId?: number;

  @IsIn(USAGE_RIGHTS as unknown as string[], { message: 'bank.validation.rights' })
  rights: UsageRights;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  rightsExpiresOn?: string;

  @Transform(toCheckbox) @IsBoolean()
  doNotUse = false;
}

export class CollectionDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'validation.too_long' })
  description?: string;
}

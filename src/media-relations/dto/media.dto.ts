import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toLowerTrim, toOptionalInt } from '../../common/transforms';
import { CONTACT_CHANNELS, ContactChannel, OUTLET_TYPES, OutletType, REACH_KINDS, ReachKind } from '../media-kinds';

const toIdList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v));

export class OutletFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @IsIn(OUTLET_TYPES as unknown as string[], { message: 'media.validation.outlet_type' })
  type: OutletType;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(120, { message: 'validation.too_long' })
  region?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'media.validation.reach' }) @Min(0, { message: 'media.validation.reach' }) @Max(2_000_000_000, { message: 'media.validation.reach' })
  reach?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsIn(REACH_KINDS as unknown as string[], { message: 'media.validation.reach_kind' })
  reachKind?: ReachKind;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  reachSource?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  reachDate?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'media.validation.url' }) @MaxLength(300, { message: 'validation.too_long' })
  website?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  socialAccounts?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  address?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  notes?: string;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

export class ContactFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(120, { message: 'validation.too_long' })
  role?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'media.validation.unknown_outlet' })
  outletId?: number;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  email?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[0-9 +()\-.,/ext]{7,120}$/i, { message: 'validation.phone' })
  phones?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(120, { message: 'validation.too_long' })
  beat?: string;

  @IsIn(CONTACT_CHANNELS as unknown as string[], { message: 'media.validation.channel' })
  preferredChannel: ContactChannel = 'email';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  notes?: string;

  @Transform(toCheckbox) @IsBoolean()
  doNotContact = false;

  @Transform(toIdList) @IsInt({ each: true })
  listIds: number[] = [];
}

export class ListFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 120, { message: 'validation.name_length' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  description?: string;

  @Transform(toIdList) @IsInt({ each: true })
  contactIds: number[] = [];
}

export { toIdList };

import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toLowerTrim, toOptionalInt } from '../../common/transforms';

export class ObligationFormDto {
  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'transparency.validation.title' })
  title: string;

  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'transparency.validation.legal_basis' })
  legalBasis: string;

  @Transform(toOptionalInt) @IsInt({ message: 'transparency.validation.days' }) @Min(0, { message: 'transparency.validation.days' }) @Max(90, { message: 'transparency.validation.days' })
  daysAfterQuarter: number = 30;

  @Transform(toOptionalInt) @IsInt({ message: 'transparency.validation.days' }) @Min(1, { message: 'transparency.validation.days' }) @Max(60, { message: 'transparency.validation.days' })
  remindDaysBefore: number = 7;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  notifyEmail?: string;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

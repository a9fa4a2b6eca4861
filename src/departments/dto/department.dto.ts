import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { emptyToUndefined, toCheckbox } from '../../common/transforms';

export class DepartmentFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  headName?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  email?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[0-9 +()\-.ext]{7,40}$/i, { message: 'validation.phone' })
  phone?: string;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

export class HolidayFormDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  day: string;

  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;
}

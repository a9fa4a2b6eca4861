import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toOptionalInt } from '../../common/transforms';

export class CategoryFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 120, { message: 'validation.name_length' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'validation.too_long' })
  description?: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'validation.unknown_department' }) @Min(1, { message: 'validation.unknown_department' })
  defaultDepartmentId?: number;

  @Transform(toOptionalInt) @IsInt({ message: 'categories.validation.deadline' }) @Min(1, { message: 'categories.validation.deadline' }) @Max(120, { message: 'categories.validation.deadline' })
  deadlineDays: number;

  @Transform(toCheckbox) @IsBoolean()
  active = false;

  @Transform(toCheckbox) @IsBoolean()
  sensitive?: boolean = false;

  @Transform(toCheckbox) @IsBoolean()
  published?: boolean = false;
}

export class PredefinedAnswerFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  title: string;

  @IsString({ message: 'validation.required' }) @Length(2, 4000, { message: 'categories.validation.answer_length' })
  body: string;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

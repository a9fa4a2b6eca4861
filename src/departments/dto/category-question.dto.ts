import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toOptionalInt } from '../../common/transforms';
import { QUESTION_KINDS, QuestionKind } from '../category-questions';

/** A category question (admin form). Options are one per line, "clave | Nombre". */
export class CategoryQuestionFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 200, { message: 'categories.questions.validation.question' })
  question: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[a-z0-9_]{1,60}$/, { message: 'categories.questions.validation.code' })
  code?: string;

  @IsIn(QUESTION_KINDS as unknown as string[], { message: 'categories.questions.validation.kind' })
  kind: QuestionKind;

  @Transform(toCheckbox) @IsBoolean()
  required = false;

  @Transform(toOptionalInt) @IsInt({ message: 'categories.questions.validation.position' }) @Min(1, { message: 'categories.questions.validation.position' }) @Max(999, { message: 'categories.questions.validation.position' })
  position: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(500, { message: 'validation.too_long' })
  helpText?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(8000, { message: 'validation.too_long' })
  options?: string;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

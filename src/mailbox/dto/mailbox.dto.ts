import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { CASE_TYPES, CaseType } from '../../cases/case.entity';
import { emptyToUndefined, toOptionalInt } from '../../common/transforms';

export class ToCaseDto {
  @IsIn(CASE_TYPES as unknown as string[], { message: 'cases.validation.type' })
  type: CaseType;

  @Transform(toOptionalInt) @IsInt({ message: 'cases.validation.unknown_category' })
  categoryId: number;

  @IsString({ message: 'validation.required' }) @Length(2, 120, { message: 'cases.validation.locality' })
  locality: string;

  @IsString({ message: 'validation.required' }) @Length(10, 20000, { message: 'mailbox.error.description' })
  description: string;
}

export class AttachToCaseDto {
  @IsString({ message: 'mailbox.error.unknown_folio' }) @Length(3, 30, { message: 'mailbox.error.unknown_folio' })
  folio: string;
}

export class CloseDto {
  @IsIn(['handled', 'discarded'], { message: 'mailbox.error.state' })
  state: 'handled' | 'discarded';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  note?: string;
}

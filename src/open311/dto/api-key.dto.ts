import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toCheckbox, toLowerTrim, toOptionalInt } from '../../common/transforms';

export class ApiKeyFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  clientName: string;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  contactEmail?: string;

  @Transform(toOptionalInt) @IsInt({ message: 'open311.keys.validation.rate' }) @Min(1, { message: 'open311.keys.validation.rate' }) @Max(6000, { message: 'open311.keys.validation.rate' })
  rateLimitPerMinute: number;

  /** May add updates to any request, not only the ones it filed (a town hall's own app, say). */
  @Transform(toCheckbox) @IsBoolean()
  mayUpdateAny?: boolean = false;
}

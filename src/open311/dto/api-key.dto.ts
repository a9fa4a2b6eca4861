import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { emptyToUndefined, toLowerTrim, toOptionalInt } from '../../common/transforms';

export class ApiKeyFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  clientName: string;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  contactEmail?: string;

  @Transform(toOptionalInt) @IsInt({ message: 'open311.keys.validation.rate' }) @Min(1, { message: 'open311.keys.validation.rate' }) @Max(6000, { message: 'open311.keys.validation.rate' })
  rateLimitPerMinute: number;
}

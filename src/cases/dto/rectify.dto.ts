import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { emptyToUndefined, toLowerTrim } from '../../common/transforms';

/** Rectification (ARCO): the person's corrected contact data; what is left empty is not changed. */
export class RectifyDto {
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  nuevoNombre?: string;

  @Transform((p) => emptyToUndefined({ value: toLowerTrim(p) })) @IsOptional() @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  nuevoCorreo?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(/^[0-9 +()\-.ext]{7,40}$/i, { message: 'validation.phone' })
  nuevoTelefono?: string;
}

import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, MaxLength, Min, ValidateIf } from 'class-validator';
import { toCheckbox, toLowerTrim, toOptionalInt } from '../../common/transforms';
import { ROLES, Role } from '../roles';

// Messages are i18n keys; the form partial translates them beside the field.
export class UserFormDto {
  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  name: string;

  @Transform(toLowerTrim) @IsEmail({}, { message: 'validation.email' }) @MaxLength(254, { message: 'validation.email' })
  email: string;

  @IsIn(ROLES as unknown as string[], { message: 'validation.role' })
  role: Role;

  @Transform(toOptionalInt)
  @ValidateIf((o: UserFormDto) => o.role === 'liaison' || o.departmentId !== undefined)
  @IsInt({ message: 'validation.liaison_department' }) @Min(1, { message: 'validation.liaison_department' })
  departmentId?: number;

  @Transform(toCheckbox) @IsBoolean()
  active = false;
}

export class NewUserFormDto extends UserFormDto {
  @IsString({ message: 'validation.required' }) @Length(1, 200, { message: 'validation.required' })
  password: string;
}

export class ResetPasswordDto {
  @IsString({ message: 'validation.required' }) @Length(1, 200, { message: 'validation.required' })
  password: string;
}

export class ChangePasswordDto {
  @IsString({ message: 'validation.required' }) @Length(1, 200, { message: 'validation.required' })
  current: string;

  @IsString({ message: 'validation.required' }) @Length(1, 200, { message: 'validation.required' })
  password: string;

  @IsOptional() @IsString()
  confirm?: string;
}

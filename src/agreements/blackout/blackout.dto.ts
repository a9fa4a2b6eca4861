import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsDay } from '../form-rules';
import { emptyToUndefined } from '../../common/transforms';
import { BLACKOUT_KINDS, BlackoutKind } from './blackout-rules';

export class BlackoutPeriodFormDto {
  @IsString({ message: 'validation.required' }) @Length(3, 150, { message: 'blackout.validation.name' })
  name: string;

  @IsIn(BLACKOUT_KINDS as unknown as string[], { message: 'blackout.validation.kind' })
  kind: BlackoutKind;

  @IsDay({ message: 'validation.date' })
  startsOn: string;

  @IsDay({ message: 'validation.date' })
  endsOn: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  notes?: string;
}

export class WatchedNameFormDto {
  @IsString({ message: 'validation.required' }) @Length(3, 150, { message: 'blackout.validation.watched_name' })
  name: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  position?: string;
}

import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { emptyToUndefined, toCheckbox, toOptionalInt } from '../../common/transforms';
import { COVERAGE_TYPES, CoverageType, EVENT_KINDS, EventKind } from '../agenda-kinds';
import { RECURRENCE_FREQS } from '../recurrence';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const toIntList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]).map((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v));

export class EventFormDto {
  @IsString({ message: 'validation.required' }) @Length(3, 200, { message: 'agenda.validation.title' })
  title: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(8000, { message: 'validation.too_long' })
  description?: string;

  @Matches(DATE, { message: 'validation.date' })
  startDate: string;

  @Transform(toCheckbox) @IsBoolean()
  allDay = false;

  @ValidateIf((o: EventFormDto) => !o.allDay) @Matches(TIME, { message: 'agenda.validation.time' })
  startTime: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(DATE, { message: 'validation.date' })
  endDate?: string;

  @ValidateIf((o: EventFormDto) => !o.allDay) @Matches(TIME, { message: 'agenda.validation.time' })
  endTime: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(200, { message: 'validation.too_long' })
  place?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  address?: string;

  @Transform(toOptionalInt) @IsInt({ message: 'agenda.validation.unknown_department' })
  departmentId: number;

  @IsIn(EVENT_KINDS as unknown as string[], { message: 'agenda.validation.kind' })
  kind: EventKind;

  @Transform(toCheckbox) @IsBoolean()
  isPublic = false;

  @Transform(toOptionalInt) @IsInt({ message: 'agenda.validation.importance' }) @Min(1, { message: 'agenda.validation.importance' }) @Max(5, { message: 'agenda.validation.importance' })
  importance = 3;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(4000, { message: 'validation.too_long' })
  notes?: string;

  /** none, daily, weekly or monthly. */
  @Transform(({ value }) => (value === '' || value == null ? 'none' : value)) @IsIn(['none', ...RECURRENCE_FREQS], { message: 'agenda.validation.recurrence_rule' })
  repeat = 'none';

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agenda.validation.recurrence_interval' })
  interval?: number;

  @Transform(toIntList) @IsInt({ each: true }) @Min(0, { each: true }) @Max(6, { each: true })
  byWeekday: number[] = [];

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agenda.validation.recurrence_count' })
  count?: number;

  @Transform(emptyToUndefined) @IsOptional() @Matches(DATE, { message: 'validation.date' })
  until?: string;

  /** For an occurrence of a series: this, following or all. */
  @Transform(({ value }) => (value === '' || value == null ? 'this' : value)) @IsIn(['this', 'following', 'all'])
  scope: 'this' | 'following' | 'all' = 'this';
}

export class ReasonFormDto {
  @IsString({ message: 'agenda.validation.reason' }) @Length(3, 2000, { message: 'agenda.validation.reason' })
  reason: string;
}

export class PostponeFormDto extends ReasonFormDto {
  @Transform(emptyToUndefined) @IsOptional() @Matches(DATE, { message: 'validation.date' })
  newDate?: string;

  @Transform(emptyToUndefined) @IsOptional() @Matches(TIME, { message: 'agenda.validation.time' })
  newTime?: string;
}

export class CoverageFormDto {
  @IsIn(COVERAGE_TYPES as unknown as string[], { message: 'agenda.validation.coverage_type' })
  type: CoverageType;

  @Transform(toOptionalInt) @IsInt({ message: 'agenda.validation.assignee' })
  assigneeId: number;

  @Transform(emptyToUndefined) @IsOptional() @Matches(TIME, { message: 'agenda.validation.time' })
  callTime?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  note?: string;
}

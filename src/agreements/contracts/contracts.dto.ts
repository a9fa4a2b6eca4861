import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { emptyToUndefined, toCheckbox, toOptionalInt } from '../../common/transforms';
import { IsDay, toMoney } from '../form-rules';
import { isValidRfc, normalizeRfc } from './rfc';

export const PROCEDURES = ['direct_award', 'invitation', 'tender'] as const;
export const SERVICE_CLASSIFICATIONS = ['dissemination', 'other_services'] as const;
export const DELIVERABLE_KINDS = ['spot', 'insert', 'banner', 'post', 'capsule', 'interview', 'coverage', 'other'] as const;
export const DOCUMENT_KINDS = ['proposal', 'contract', 'invoice', 'evidence', 'other'] as const;

const toRfc = ({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeRfc(value) : value);
const IsRfc = () => ValidateBy({ name: 'isRfc', validator: { validate: (v) => typeof v === 'string' && isValidRfc(v) } }, { message: 'agreements.validation.rfc' });
const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class AgreementFormDto {
  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.outlet' }) @Min(1, { message: 'agreements.validation.outlet' })
  outletId: number;

  @IsString({ message: 'validation.required' }) @Length(3, 250, { message: 'agreements.validation.supplier_name' })
  supplierName: string;

  @Transform(toRfc) @IsString({ message: 'agreements.validation.rfc' }) @IsRfc()
  supplierRfc: string;

  @IsString({ message: 'validation.required' }) @Length(10, 4000, { message: 'agreements.validation.object' })
  object: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @Length(1, 60, { message: 'validation.too_long' })
  contractNumber?: string;

  @Transform(toMoney) @IsNumber(MONEY, { message: 'agreements.validation.amount' }) @Min(0.01, { message: 'agreements.validation.amount' }) @Max(999_999_999, { message: 'agreements.validation.amount' })
  subtotal: number;

  @IsDay({ message: 'validation.date' })
  startsOn: string;

  @IsDay({ message: 'validation.date' })
  endsOn: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agreements.validation.budget_line' })
  budgetLineId?: number;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agreements.validation.campaign' })
  campaignId?: number;

  @IsString({ message: 'validation.required' }) @Length(2, 150, { message: 'validation.name_length' })
  requestingArea: string = 'Dirección de Comunicación Social';

  @IsIn(PROCEDURES as unknown as string[], { message: 'agreements.validation.procedure' })
  procedure: string = 'direct_award';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(300, { message: 'validation.too_long' })
  legalBasis?: string;

  @IsIn(SERVICE_CLASSIFICATIONS as unknown as string[], { message: 'agreements.validation.classification' })
  serviceClassification: string = 'dissemination';

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(150, { message: 'validation.too_long' })
  serviceType?: string;

  @Transform(toCheckbox) @IsBoolean()
  overBudgetAck = false;
}

export class DeliverableFormDto {
  @IsIn(DELIVERABLE_KINDS as unknown as string[], { message: 'agreements.validation.deliverable_kind' })
  kind: string;

  @IsString({ message: 'validation.required' }) @Length(2, 300, { message: 'agreements.validation.description' })
  description: string;

  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.quantity' }) @Min(1, { message: 'agreements.validation.quantity' }) @Max(100000, { message: 'agreements.validation.quantity' })
  quantity: number;

  @Transform(toMoney) @IsNumber(MONEY, { message: 'agreements.validation.amount' }) @Min(0, { message: 'agreements.validation.amount' }) @Max(999_999_999, { message: 'agreements.validation.amount' })
  unitCost: number;
}

export class AnalysisFormDto {
  @IsString({ message: 'validation.required' }) @Length(10, 8000, { message: 'agreements.validation.analysis' })
  analysisNotes: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'media.validation.reach' }) @Min(1, { message: 'media.validation.reach' }) @Max(2_000_000_000, { message: 'media.validation.reach' })
  analysisReach?: number;
}

export class TransitionFormDto {
  @IsString({ message: 'agreements.transition.not_allowed' }) @IsIn(['analysis', 'proposed', 'approved', 'rejected', 'signed', 'active', 'concluded'], { message: 'agreements.transition.not_allowed' })
  to: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(2000, { message: 'validation.too_long' })
  note?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsDay({ message: 'validation.date' })
  contractDate?: string;
}

export class DocumentFormDto {
  @IsIn(DOCUMENT_KINDS as unknown as string[], { message: 'agreements.validation.document_kind' })
  kind: string;
}

export class DeliveryFormDto {
  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.deliverable' })
  deliverableId: number;

  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.quantity' }) @Min(1, { message: 'agreements.validation.quantity' }) @Max(100000, { message: 'agreements.validation.quantity' })
  quantity: number;

  @IsDay({ message: 'validation.date' })
  deliveredOn: string;

  @Transform(toOptionalInt) @IsOptional() @IsInt({ message: 'agreements.validation.clipping' })
  clippingId?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(500, { message: 'validation.too_long' })
  notes?: string;
}

export class PaymentFormDto {
  @IsString({ message: 'validation.required' }) @Length(1, 60, { message: 'agreements.validation.invoice_number' })
  invoiceNumber: string;

  @IsDay({ message: 'validation.date' })
  invoiceDate: string;

  @Transform(toMoney) @IsNumber(MONEY, { message: 'agreements.validation.amount' }) @Min(0.01, { message: 'agreements.validation.amount' }) @Max(999_999_999, { message: 'agreements.validation.amount' })
  amount: number;

  @IsDay({ message: 'validation.date' })
  paidOn: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(500, { message: 'validation.too_long' })
  notes?: string;
}

export class BudgetLineFormDto {
  @Transform(toOptionalInt) @IsInt({ message: 'agreements.validation.year' }) @Min(2000, { message: 'agreements.validation.year' }) @Max(2100, { message: 'agreements.validation.year' })
  year: number;

  @IsString({ message: 'validation.required' }) @Length(1, 20, { message: 'agreements.validation.code' })
  code: string;

  @IsString({ message: 'validation.required' }) @Length(2, 200, { message: 'validation.name_length' })
  name: string;

  @Transform(toMoney) @IsNumber(MONEY, { message: 'agreements.validation.amount' }) @Min(0, { message: 'agreements.validation.amount' }) @Max(999_999_999, { message: 'agreements.validation.amount' })
  assigned: number;

  @Transform(toMoney) @IsOptional() @IsNumber(MONEY, { message: 'agreements.validation.amount' }) @Min(0, { message: 'agreements.validation.amount' }) @Max(999_999_999, { message: 'agreements.validation.amount' })
  modified?: number;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MaxLength(1000, { message: 'validation.too_long' })
  notes?: string;
}

/**
 * The life of a media agreement (convenio de difusión), as pure rules.
 * recibido → en análisis → propuesto → aprobado | rechazado (only the mayor's office, role
 * director) → firmado → vigente → concluido. A proposal can go back to analysis.
 */
export const AGREEMENT_STATUSES = ['received', 'analysis', 'proposed', 'approved', 'rejected', 'signed', 'active', 'concluded'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface TransitionContext {
  role: string;
  /** The press office's analysis is written (notes). */
  hasAnalysis: boolean;
  hasDeliverables: boolean;
  hasContractNumber: boolean;
  hasSignedContract: boolean;
  /** Units of deliverables not yet delivered with evidence. */
  pendingUnits: number;
}

interface Rule {
  from: AgreementStatus;
  to: AgreementStatus;
  roles: readonly string[];
  /** What must hold, and the message when it does not. */
  requires?: (c: TransitionContext) => string | null;
}

const RULES: Rule[] = [
  { from: 'received', to: 'analysis', roles: ['press'] },
  {
    from: 'analysis',
    to: 'proposed',
    roles: ['press'],
    requires: (c) => (!c.hasAnalysis ? 'agreements.transition.needs_analysis' : !c.hasDeliverables ? 'agreements.transition.needs_deliverables' : null),
  },
  { from: 'proposed', to: 'analysis', roles: ['press', 'director'] },
  { from: 'proposed', to: 'approved', roles: ['director'] },
  { from: 'proposed', to: 'rejected', roles: ['director'] },
  {
    from: 'approved',
    to: 'signed',
    roles: ['press'],
    requires: (c) => (!c.hasContractNumber ? 'agreements.transition.needs_contract_number' : !c.hasSignedContract ? 'agreements.transition.needs_signed_contract' : null),
  },
  { from: 'signed', to: 'active', roles: ['press'] },
  { from: 'active', to: 'concluded', roles: ['press'], requires: (c) => (c.pendingUnits > 0 ? 'agreements.transition.needs_deliveries' : null) },
];

export type TransitionVerdict = { ok: true } | { ok: false; reason: string };

/** Whether `role` may move an agreement from `from` to `to` now, and if not, why. */
export function checkTransition(from: AgreementStatus, to: AgreementStatus, ctx: TransitionContext): TransitionVerdict {
  const rule = RULES.find((r) => r.from === from && r.to === to);
  if (!rule) return { ok: false, reason: 'agreements.transition.not_allowed' };
  if (!rule.roles.includes(ctx.role)) return { ok: false, reason: to === 'approved' || to === 'rejected' ? 'agreements.transition.director_only' : 'agreements.transition.role' };
  const problem = rule.requires?.(ctx) ?? null;
  return problem ? { ok: false, reason: problem } : { ok: true };
}

/** The moves open from a status to a role, each with whether it may happen now. */
export function nextSteps(from: AgreementStatus, ctx: TransitionContext): { to: AgreementStatus; ok: boolean; reason: string | null }[] {
  return RULES.filter((r) => r.from === from && r.roles.includes(ctx.role)).map((r) => {
    const v = checkTransition(from, r.to, ctx);
    return { to: r.to, ok: v.ok, reason: v.ok ? null : v.reason };
  });
}

/** While an agreement is still a proposal its terms can change; after approval they are fixed. */
export const isEditable = (s: AgreementStatus) => s === 'received' || s === 'analysis' || s === 'proposed';
/** Statuses that commit budget. */
export const COMMITTING: readonly AgreementStatus[] = ['proposed', 'approved', 'signed', 'active', 'concluded'];
/** Statuses in which deliverables are delivered and invoices paid. */
export const EXECUTING: readonly AgreementStatus[] = ['signed', 'active'];

export const VAT_RATE = 0.16;

/** Subtotal → VAT and total, to the centavo. */
export function withVat(subtotal: number): { subtotal: number; vat: number; total: number } {
  const s = Math.round(subtotal * 100);
  const vat = Math.round(s * VAT_RATE);
  return { subtotal: s / 100, vat: vat / 100, total: (s + vat) / 100 };
}

/** Cost per contact: the total over the outlet's reach (null when the reach is unknown). */
export function costPerContact(total: number, reach: number | null | undefined): number | null {
  if (!reach || reach <= 0) return null;
  return Math.round((total / reach) * 10000) / 10000;
}

export interface BudgetSituation {
  authorized: number;
  committed: number;
  exercised: number;
  available: number;
  /** What would be committed with the new amount. */
  after: number;
  exceeds: boolean;
}

/** Whether committing `amount` more on a line (authorized = modified, or assigned) exceeds it. */
export function budgetSituation(line: { assigned: number; modified: number | null }, committed: number, exercised: number, amount: number): BudgetSituation {
  const authorized = line.modified ?? line.assigned;
  const after = Math.round((committed + amount) * 100) / 100;
  return { authorized, committed, exercised, available: Math.round((authorized - committed) * 100) / 100, after, exceeds: after > authorized + 0.004 };
}

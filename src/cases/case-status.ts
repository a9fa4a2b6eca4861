/**
 * The life of a case: which moves are allowed, and for whom. Pure: no Nest, no ORM.
 *
 * recibida → en revisión → turnada → en proceso → resuelta → cerrada,
 * plus no procede, duplicada and reabierta.
 */
export const CASE_STATUSES = ['received', 'in_review', 'routed', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate', 'reopened'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses in which a case still needs work (counted for deadlines, digests, "open" lists). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['received', 'in_review', 'routed', 'in_progress', 'reopened'];
/** Statuses a citizen or staff member can no longer move out of (except reopening a resolved case). */
export const FINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'duplicate'];

/** Who is moving the case: triage staff (attention/admin), a department liaison, or the citizen. */
export type StatusActor = 'staff' | 'liaison' | 'citizen';

const STAFF_MOVES: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['in_review', 'routed', 'rejected', 'duplicate'],
  in_review: ['routed', 'resolved', 'rejected', 'duplicate'],
  routed: ['in_review', 'in_progress', 'resolved', 'rejected', 'duplicate', 'routed'],
  in_progress: ['in_review', 'routed', 'resolved', 'rejected', 'duplicate'],
  resolved: ['closed', 'reopened'],
  reopened: ['in_review', 'routed', 'in_progress', 'resolved', 'rejected'],
  closed: [],
  rejected: ['in_review'],
  duplicate: ['in_review'],
};

/** A liaison works on what was routed to their department: start, resolve, or send it back to triage. */
const LIAISON_MOVES: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  routed: ['in_progress', 'resolved', 'in_review'],
  in_progress: ['resolved', 'in_review'],
  reopened: ['in_progress', 'resolved', 'in_review'],
};

const CITIZEN_MOVES: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  resolved: ['reopened'],
};

/** Days after resolution in which the citizen may reopen the case. */
export const REOPEN_WINDOW_DAYS = 15;

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** The statuses `actor` may move a case to from `from`. */
export function allowedMoves(from: CaseStatus, actor: StatusActor): CaseStatus[] {
  const table = actor === 'staff' ? STAFF_MOVES : actor === 'liaison' ? LIAISON_MOVES : CITIZEN_MOVES;
  return [...(table[from] ?? [])];
}

/**
 * Whether `actor` may move a case from `from` to `to`. `reason` is an i18n key telling why not.
 * `context.resolvedAt`/`now` are needed for a citizen's reopening (15 days after resolution).
 */
export function checkTransition(from: CaseStatus, to: CaseStatus, actor: StatusActor, context: { resolvedAt?: Date | null; now?: Date } = {}): TransitionCheck {
  if (from === to && to !== 'routed') return { ok: false, reason: 'cases.status_error.same' };
  if (!allowedMoves(from, actor).includes(to)) {
    if (FINAL_STATUSES.includes(from) && actor !== 'staff') return { ok: false, reason: 'cases.status_error.final' };
    return { ok: false, reason: actor === 'liaison' ? 'cases.status_error.liaison' : 'cases.status_error.not_allowed' };
  }
  if (actor === 'citizen' && to === 'reopened') {
    const { resolvedAt, now } = context;
    if (!resolvedAt || !now) return { ok: false, reason: 'cases.status_error.reopen_window' };
    if (now.getTime() - resolvedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000) return { ok: false, reason: 'cases.status_error.reopen_window' };
  }
  return { ok: true };
}

/** A reason is required when a case is sent back to triage, rejected or reopened. */
/** Resolving a case tells the citizen: the message says what was done, so it is required. */
export function needsAnswer(to: CaseStatus): boolean {
  return to === 'resolved';
}

export function needsReason(from: CaseStatus, to: CaseStatus): boolean {
  return to === 'rejected' || to === 'reopened' || (to === 'in_review' && from !== 'received');
}

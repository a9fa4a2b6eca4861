/**
 * The life of a press release. Pure: no Nest, no ORM.
 *
 *   borrador ──submit──▶ en revisión ──approve (director)──▶ aprobado ──send──▶ enviado ──publish──▶ publicado
 *       ▲                     │                                 │                    │
 *       └──── return (director, with a comment) ◀───────────────┘          publish (from aprobado too)
 */
export const RELEASE_STATUSES = ['draft', 'review', 'approved', 'sent', 'published'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const RELEASE_ACTIONS = ['submit', 'return', 'approve', 'send', 'publish', 'comment'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

export type Actor = 'press' | 'director' | string;

export interface DecisionContext {
  role: Actor;
  /** A comment was written (required to return a release, and to comment). */
  hasComment: boolean;
  /** The embargo has passed, or there is none. */
  embargoPassed: boolean;
}

export type Decision = { ok: true; to: ReleaseStatus } | { ok: false; reason: string };

interface Rule {
  from: readonly ReleaseStatus[];
  to: ReleaseStatus | 'same';
  roles: readonly string[];
  needsComment?: boolean;
  needsEmbargoPassed?: boolean;
}

const RULES: Record<ReleaseAction, Rule> = {
  submit: { from: ['draft'], to: 'review', roles: ['press', 'director'] },
  return: { from: ['review', 'approved'], to: 'draft', roles: ['director'], needsComment: true },
  approve: { from: ['review'], to: 'approved', roles: ['director'] },
  send: { from: ['approved'], to: 'sent', roles: ['press', 'director'], needsEmbargoPassed: true },
  publish: { from: ['approved', 'sent'], to: 'published', roles: ['press', 'director'] },
  comment: { from: RELEASE_STATUSES, to: 'same', roles: ['press', 'director'], needsComment: true },
};

/** Whether `action` may happen to a release in `status`, and where it leads. Reasons are i18n keys. */
export function decide(status: ReleaseStatus, action: ReleaseAction, ctx: DecisionContext): Decision {
  const rule = RULES[action];
  if (!rule) return { ok: false, reason: 'releases.rule.unknown_action' };
  if (!rule.roles.includes(ctx.role)) return { ok: false, reason: action === 'approve' ? 'releases.rule.only_director_approves' : 'releases.rule.role' };
  if (!rule.from.includes(status)) return { ok: false, reason: 'releases.rule.wrong_status' };
  if (rule.needsComment && !ctx.hasComment) return { ok: false, reason: 'releases.rule.comment_required' };
  if (rule.needsEmbargoPassed && !ctx.embargoPassed) return { ok: false, reason: 'releases.rule.embargoed' };
  return { ok: true, to: rule.to === 'same' ? status : rule.to };
}

/** The actions a person could take now (buttons to show). Comment is always offered separately. */
export function availableActions(status: ReleaseStatus, role: Actor, embargoPassed: boolean): ReleaseAction[] {
  return (['submit', 'approve', 'return', 'send', 'publish'] as ReleaseAction[]).filter((a) => decide(status, a, { role, hasComment: true, embargoPassed }).ok);
}

/** Only a draft is edited: what a director approved is what goes out. */
export function editable(status: ReleaseStatus): boolean {
  return status === 'draft';
}

/** "Boletín 045/2026". */
export function releaseNumberLabel(prefix: string, number: number | null, year: number | null): string | null {
  if (number == null || year == null) return null;
  return `${prefix} ${String(number).padStart(3, '0')}/${year}`;
}

/** A short, readable address fragment from a title: "Inauguran la clínica" → "inauguran-la-clinica". */
export function slugify(title: string): string {
  return (
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|(?<!-)-+$/g, '')
      .slice(0, 80)
      .replace(/(?<!-)-+$/g, '') || 'boletin'
  );
}

/** Whether the public may see a release at `now`: published, and past its embargo. */
export function publiclyVisible(r: { status: ReleaseStatus; embargoUntil: Date | null; publishedAt: Date | null }, now: Date): boolean {
  if (r.status !== 'published' || !r.publishedAt) return false;
  if (r.embargoUntil && new Date(r.embargoUntil).getTime() > now.getTime()) return false;
  return true;
}

/** The fixed vocabularies of campaigns and pieces. Codes in English, labels in i18n (campaigns.*). */
export const CAMPAIGN_TYPES = ['institutional', 'services', 'health', 'education', 'civil_protection', 'tourism', 'culture', 'sports', 'other'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const PIECE_KINDS = ['radio_spot', 'print_insert', 'notice', 'call', 'greeting', 'info_capsule', 'post'] as const;
export type PieceKind = (typeof PIECE_KINDS)[number];

/** idea → guion → producción → aprobado → publicado */
export const PIECE_STATUSES = ['idea', 'script', 'production', 'approved', 'published'] as const;
export type PieceStatus = (typeof PIECE_STATUSES)[number];

/**
 * A piece moves one step forward, or back one step to rework it; a published piece stays
 * published. Approving needs a press or director role; publishing goes through the blackout check.
 */
export function pieceMoveProblem(from: PieceStatus, to: PieceStatus, role: string): string | null {
  const i = PIECE_STATUSES.indexOf(from);
  const j = PIECE_STATUSES.indexOf(to);
  if (i < 0 || j < 0) return 'campaigns.validation.status';
  if (from === 'published') return 'campaigns.transition.published_final';
  if (j !== i + 1 && j !== i - 1) return 'campaigns.transition.one_step';
  if (!['press', 'director'].includes(role)) return 'campaigns.transition.role';
  return null;
}

export const nextPieceStatus = (s: PieceStatus): PieceStatus | null => PIECE_STATUSES[PIECE_STATUSES.indexOf(s) + 1] ?? null;
export const previousPieceStatus = (s: PieceStatus): PieceStatus | null => (s === 'published' ? null : (PIECE_STATUSES[PIECE_STATUSES.indexOf(s) - 1] ?? null));

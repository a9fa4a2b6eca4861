/** The agenda's vocabularies. Codes in English; labels in i18n (agenda.*). */
export const EVENT_KINDS = ['mayor_agenda', 'department_activity', 'public_hearing', 'press_conference', 'tour', 'civic_event', 'other'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** proposed → (scheduled | returned); scheduled → postponed | cancelled; postponed → scheduled | cancelled. */
export const EVENT_STATUSES = ['proposed', 'returned', 'scheduled', 'postponed', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const COVERAGE_TYPES = ['photo', 'video', 'audio', 'text', 'live', 'social'] as const;
export type CoverageType = (typeof COVERAGE_TYPES)[number];

export const COVERAGE_STATUSES = ['assigned', 'accepted', 'in_progress', 'delivered', 'completed', 'cancelled'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** The next statuses a coverage may take from each one. */
export const COVERAGE_FLOW: Record<CoverageStatus, CoverageStatus[]> = {
  assigned: ['accepted', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['delivered', 'cancelled'],
  delivered: ['completed', 'in_progress'],
  completed: [],
  cancelled: ['assigned'],
};

export function canMoveCoverage(from: CoverageStatus, to: CoverageStatus): boolean {
  return COVERAGE_FLOW[from].includes(to);
}

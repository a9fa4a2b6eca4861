import { allowedMoves, CASE_STATUSES, checkTransition, isOpen, needsAnswer, needsReason, OPEN_STATUSES } from './case-status';

describe('case status moves', () => {
  it('follows the main path recibida → en revisión → turnada → en proceso → resuelta → cerrada', () => {
    const path = ['received', 'in_review', 'routed', 'in_progress', 'resolved', 'closed'] as const;
    for (let i = 0; i < path.length - 1; i++) expect(checkTransition(path[i], path[i + 1], 'staff')).toEqual({ ok: true });
  });

  it('refuses skipping ahead or going back without a rule, with a reason', () => {
    expect(checkTransition('received', 'resolved', 'staff')).toEqual({ ok: false, reason: 'cases.status_error.not_allowed' });
    expect(checkTransition('closed', 'in_progress', 'staff')).toEqual({ ok: false, reason: 'cases.status_error.not_allowed' });
    expect(checkTransition('resolved', 'in_progress', 'staff').ok).toBe(false);
    expect(checkTransition('in_review', 'in_review', 'staff')).toEqual({ ok: false, reason: 'cases.status_error.same' });
  });

  it('lets a liaison only work routed cases: start, resolve or send back to triage', () => {
    expect(allowedMoves('routed', 'liaison').sort()).toEqual(['in_progress', 'in_review', 'resolved'].sort());
    expect(checkTransition('routed', 'resolved', 'liaison').ok).toBe(true);
    expect(checkTransition('in_progress', 'in_review', 'liaison').ok).toBe(true);
    expect(checkTransition('received', 'routed', 'liaison')).toEqual({ ok: false, reason: 'cases.status_error.liaison' });
    expect(checkTransition('routed', 'rejected', 'liaison').ok).toBe(false);
    expect(checkTransition('resolved', 'closed', 'liaison').ok).toBe(false);
    expect(checkTransition('closed', 'reopened', 'liaison')).toEqual({ ok: false, reason: 'cases.status_error.final' });
  });

  it('lets the citizen reopen a resolved case within 15 days only', () => {
    const resolvedAt = new Date('2026-03-02T17:00:00Z');
    expect(checkTransition('resolved', 'reopened', 'citizen', { resolvedAt, now: new Date('2026-03-16T17:00:00Z') }).ok).toBe(true);
    expect(checkTransition('resolved', 'reopened', 'citizen', { resolvedAt, now: new Date('2026-03-18T17:00:00Z') })).toEqual({ ok: false, reason: 'cases.status_error.reopen_window' });
    expect(checkTransition('in_progress', 'reopened', 'citizen').ok).toBe(false);
    expect(checkTransition('closed', 'reopened', 'citizen')).toEqual({ ok: false, reason: 'cases.status_error.final' });
  });

  it('marks duplicates and no-procede from triage, and lets staff take them back to review', () => {
    expect(checkTransition('received', 'duplicate', 'staff').ok).toBe(true);
    expect(checkTransition('in_review', 'rejected', 'staff').ok).toBe(true);
    expect(checkTransition('duplicate', 'in_review', 'staff').ok).toBe(true);
    expect(checkTransition('duplicate', 'resolved', 'staff').ok).toBe(false);
  });

  it('every status has a row, and only open statuses can be worked on', () => {
    for (const s of CASE_STATUSES) expect(Array.isArray(allowedMoves(s, 'staff'))).toBe(true);
    expect(OPEN_STATUSES.every(isOpen)).toBe(true);
    expect(isOpen('resolved')).toBe(false);
    expect(allowedMoves('closed', 'staff')).toEqual([]);
  });

  it('asks for a reason when sending back, rejecting or reopening', () => {
    expect(needsReason('routed', 'in_review')).toBe(true);
    expect(needsReason('received', 'in_review')).toBe(false);
    expect(needsReason('in_review', 'rejected')).toBe(true);
    expect(needsReason('resolved', 'reopened')).toBe(true);
    expect(needsReason('routed', 'in_progress')).toBe(false);
  });
});

describe('needsAnswer', () => {
  it('requires the message to the citizen when a case is resolved, and only then', () => {
    expect(needsAnswer('resolved')).toBe(true);
    expect(needsAnswer('in_progress')).toBe(false);
  });
});

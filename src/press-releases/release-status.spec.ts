import { availableActions, decide, editable, publiclyVisible, releaseNumberLabel, slugify } from './release-status';

const ctx = (role: string, extra: Partial<{ hasComment: boolean; embargoPassed: boolean }> = {}) => ({ role, hasComment: false, embargoPassed: true, ...extra });

describe('press release workflow', () => {
  it('goes borrador → en revisión → aprobado → enviado → publicado', () => {
    expect(decide('draft', 'submit', ctx('press'))).toEqual({ ok: true, to: 'review' });
    expect(decide('review', 'approve', ctx('director'))).toEqual({ ok: true, to: 'approved' });
    expect(decide('approved', 'send', ctx('press'))).toEqual({ ok: true, to: 'sent' });
    expect(decide('sent', 'publish', ctx('press'))).toEqual({ ok: true, to: 'published' });
    expect(decide('approved', 'publish', ctx('director'))).toEqual({ ok: true, to: 'published' });
  });
  it('lets only a director approve', () => {
    expect(decide('review', 'approve', ctx('press'))).toEqual({ ok: false, reason: 'releases.rule.only_director_approves' });
    expect(decide('review', 'approve', ctx('admin'))).toEqual({ ok: false, reason: 'releases.rule.only_director_approves' });
  });
  it('never skips a step', () => {
    expect(decide('draft', 'approve', ctx('director')).ok).toBe(false);
    expect(decide('draft', 'send', ctx('press')).ok).toBe(false);
    expect(decide('review', 'publish', ctx('director')).ok).toBe(false);
    expect(decide('published', 'submit', ctx('press')).ok).toBe(false);
  });
  it('returns to borrador only by a director and with a comment', () => {
    expect(decide('review', 'return', ctx('director'))).toEqual({ ok: false, reason: 'releases.rule.comment_required' });
    expect(decide('review', 'return', ctx('director', { hasComment: true }))).toEqual({ ok: true, to: 'draft' });
    expect(decide('approved', 'return', ctx('director', { hasComment: true }))).toEqual({ ok: true, to: 'draft' });
    expect(decide('review', 'return', ctx('press', { hasComment: true })).ok).toBe(false);
    expect(decide('sent', 'return', ctx('director', { hasComment: true })).ok).toBe(false);
  });
  it('holds the sending back while embargoed', () => {
    expect(decide('approved', 'send', ctx('press', { embargoPassed: false }))).toEqual({ ok: false, reason: 'releases.rule.embargoed' });
  });
  it('comments in any state without moving it', () => {
    expect(decide('sent', 'comment', ctx('press', { hasComment: true }))).toEqual({ ok: true, to: 'sent' });
    expect(decide('sent', 'comment', ctx('press')).ok).toBe(false);
  });
  it('offers the right buttons', () => {
    expect(availableActions('review', 'press', true)).toEqual([]);
    expect(availableActions('review', 'director', true)).toEqual(['approve', 'return']);
    expect(availableActions('approved', 'press', false)).toEqual(['publish']);
    expect(editable('draft')).toBe(true);
    expect(editable('review')).toBe(false);
  });
  it('numbers and names releases', () => {
    expect(releaseNumberLabel('Boletín', 45, 2026)).toBe('Boletín 045/2026');
    expect(releaseNumberLabel('Boletín', null, null)).toBeNull();
    expect(slugify('¡Inauguran la Clínica de Tampacán!')).toBe('inauguran-la-clinica-de-tampacan');
  });
  it('shows the public only published releases past their embargo', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(publiclyVisible({ status: 'published', embargoUntil: null, publishedAt: now }, now)).toBe(true);
    expect(publiclyVisible({ status: 'published', embargoUntil: new Date('2026-03-10T13:00:00Z'), publishedAt: now }, now)).toBe(false);
    expect(publiclyVisible({ status: 'approved', embargoUntil: null, publishedAt: null }, now)).toBe(false);
  });
});

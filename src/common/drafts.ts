import type { Request } from 'express';

/** What a person had typed into a form that reached the server after their session had ended. */
export interface Draft {
  /** The path the form was sent to (e.g. /casos/AC-2026-000001/responder). */
  action: string;
  fields: Record<string, string>;
  at: number;
}

const MAX_FIELDS = 40;
const MAX_CHARS = 20_000;
const KEEP_MS = 24 * 3600_000;

type DraftSession = { draft?: Draft };

/**
 * Keep the text fields of a form sent without a valid session (expired, or ended by its absolute
 * lifetime), so that signing in again leads back to the page with the text restored instead of
 * losing it. Only text fields; never the CSRF token; one draft per browser.
 */
export function keepDraft(req: Request): void {
  const body = req.body as Record<string, unknown> | undefined;
  if (req.method !== 'POST' || !req.session || !body || typeof body !== 'object') return;
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body).slice(0, MAX_FIELDS)) {
    if (k === '_csrf' || k === 'password' || typeof v !== 'string') continue;
    fields[k] = v.slice(0, MAX_CHARS);
  }
  if (!Object.keys(fields).length) return;
  (req.session as unknown as DraftSession).draft = { action: req.path, fields, at: Date.now() };
}

/** The draft kept for a form whose action matches, taken once. */
export function takeDraft(req: Request, matches: (action: string) => boolean): Draft | null {
  const s = req.session as unknown as DraftSession | undefined;
  const d = s?.draft;
  if (!d || Date.now() - d.at > KEEP_MS || !matches(d.action)) return null;
  delete s.draft;
  return d;
}

/** A draft survives the new session a sign-in creates (passport regenerates the session). */
export function draftOf(req: Request): Draft | undefined {
  return (req.session as unknown as DraftSession | undefined)?.draft;
}

export function restoreDraft(req: Request, draft: Draft | undefined): void {
  if (draft && req.session) (req.session as unknown as DraftSession).draft = draft;
}

/**
 * Where to go after signing in again: the page the form was on (the Referer's path; the login
 * follows only same-site paths anyway), else the action's parent (/casos/X/responder → /casos/X),
 * never the action itself, which answers only POST.
 */
export function pageOfForm(req: Request): string {
  const referer = req.get('referer');
  if (referer) {
    try {
      const u = new URL(referer);
      if (u.pathname !== req.path) return u.pathname + u.search;
    } catch {
      // an unreadable Referer: fall through
    }
  }
  return req.path.replace(/\/[^/]+\/?$/, '') || '/';
}

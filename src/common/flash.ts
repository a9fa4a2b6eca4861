import type { Request, Response } from 'express';

export type FlashKind = 'success' | 'error' | 'info' | 'warning';
export interface FlashMessage {
  kind: FlashKind;
  text: string;
}

/** Queue a message for the next page this browser sees (post/redirect/get). */
export function flash(req: Request, kind: FlashKind, text: string): void {
  const session = req.session as unknown as { flash?: FlashMessage[] } | undefined;
  if (!session) return;
  session.flash = [...(session.flash ?? []), { kind, text }];
}

export function takeFlash(req: Request): FlashMessage[] {
  const session = req.session as unknown as { flash?: FlashMessage[] } | undefined;
  if (!session?.flash?.length) return [];
  const messages = session.flash;
  session.flash = [];
  return messages;
}

/**
 * Redirect once the session is stored. express-session may send a redirect's headers before
 * its save finishes, and with a pooled database the browser's next request can then read
 * the session without the flash (or anything else just put in it).
 */
export function redirectAfterSave(req: Request, res: Response, url: string): void {
  if (!req.session) return res.redirect(303, url);
  req.session.save(() => res.redirect(303, url));
}

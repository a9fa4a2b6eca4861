import type { Request } from 'express';

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

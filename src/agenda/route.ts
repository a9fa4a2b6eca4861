/**
 * The press office's daily route for a public event (plan de trabajo, objetivo 2):
 * invitar a medios → confirmar asistencia → cubrir → redactar comunicado → enviar →
 * confirmar envíos → monitorear publicación. Pure rules: when each step is due.
 */
export const ROUTE_STEPS = ['invite_media', 'confirm_attendance', 'cover', 'draft_release', 'send_release', 'confirm_delivery', 'monitor'] as const;
export type RouteStep = (typeof ROUTE_STEPS)[number];

export const isRouteStep = (s: unknown): s is RouteStep => typeof s === 'string' && (ROUTE_STEPS as readonly string[]).includes(s);

const H = 3600_000;
/** When each step should be done, relative to the event's start or end. */
export function stepDue(step: RouteStep, startsAt: Date, endsAt: Date): Date {
  const s = startsAt.getTime();
  const e = endsAt.getTime();
  switch (step) {
    case 'invite_media':
      return new Date(s - 24 * H);
    case 'confirm_attendance':
      return new Date(s - 2 * H);
    case 'cover':
      return new Date(e);
    case 'draft_release':
      return new Date(e + 3 * H);
    case 'send_release':
      return new Date(e + 4 * H);
    case 'confirm_delivery':
      return new Date(e + 8 * H);
    case 'monitor':
      return new Date(e + 24 * H);
  }
}

export interface StepState {
  step: RouteStep;
  done: boolean;
  late: boolean;
  due: Date;
  doneAt: Date | null;
  doneBy: string | null;
}

/** The checklist of one event: each step done, pending or late (pending past its due time). */
export function routeState(event: { startsAt: Date; endsAt: Date }, done: { step: string; doneAt: Date; doneBy: string | null }[], now: Date): StepState[] {
  const byStep = new Map(done.map((d) => [d.step, d]));
  return ROUTE_STEPS.map((step) => {
    const d = byStep.get(step);
    const due = stepDue(step, event.startsAt, event.endsAt);
    return { step, done: !!d, late: !d && now.getTime() > due.getTime(), due, doneAt: d?.doneAt ?? null, doneBy: d?.doneBy ?? null };
  });
}

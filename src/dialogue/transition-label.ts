/**
 * Labels for the statechart's edges, the same for the edges the runtime takes and the ones the
 * replay's coverage report lists.
 */

/** The parts of an xstate transition definition a coverage label needs. */
export interface TransitionLike {
  source: { path: string[] };
  target?: readonly { path: string[] }[];
  eventType: string;
  guard?: { type?: string } | unknown;
}

/** "active.offer INBOUND[isAccept] → active.agreed": one edge of the statechart. */
export function transitionLabel(t: TransitionLike): string {
  const name =
    typeof t.guard === 'string'
      ? t.guard
      : t.guard && typeof t.guard === 'object' && 'type' in t.guard
        ? t.guard.type
        : t.guard
          ? 'inline'
          : '';
  const g = name ? `[${String(name)}]` : '';
  const target = t.target && t.target.length ? t.target.map((n) => n.path.join('.')).join(',') : '(self)';
  return `${t.source.path.join('.') || '(root)'} ${t.eventType}${g} → ${target}`;
}

import { negotiationMachine, NEGOTIATION_STATES } from '../../machines/negotiation.ts';
import { transitionLabel, type TransitionLike } from '../dialogue/conversation.ts';

interface NodeLike {
  path: string[];
  transitions: Map<string, TransitionLike[]>;
  states: Record<string, NodeLike>;
}

/** Every edge of the negotiation statechart, labelled as the runtime labels the ones it takes. */
export function allTransitions(): string[] {
  const out: string[] = [];
  const walk = (node: NodeLike): void => {
    for (const list of node.transitions.values()) for (const t of list) out.push(transitionLabel(t));
    for (const child of Object.values(node.states)) walk(child);
  };
  walk(negotiationMachine.root as unknown as NodeLike);
  return [...new Set(out)].sort();
}

export const allStates = (): string[] => NEGOTIATION_STATES.map((s) => s.replace(/^active\./, ''));

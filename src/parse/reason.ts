/**
 * What a parse's `reason` says about who decided it. A reading only the classifier made over
 * rules that found nothing (`classifier(p=…; rules: other.fallback)`, src/parse/index.ts) is no
 * reading of the rules at all: the dialogue lets its own readers (an option named outright,
 * CONTRACTS §8) decide then, as it does for `other`.
 */
export const CLASSIFIER_OVER_NOTHING = 'rules: other.fallback';

export const classifierOverNothing = (reason: string | undefined): boolean =>
  reason !== undefined && reason.startsWith('classifier(') && reason.includes(CLASSIFIER_OVER_NOTHING);

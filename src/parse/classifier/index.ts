/**
 * The learned intent classifier's public face (issue 14): what the parser may call. Training
 * code (train.ts, cross-validation.ts) is for scripts/train-intent.ts and is not exported here.
 */
export { predictIntent, hybridIntent, modelThresholds, MODEL_PATH } from './model.ts';
export { decideHybrid, classifierCanDecide, RULES_UNSURE_BELOW } from './hybrid.ts';
export type { Prediction, HybridThresholds } from './model-file.ts';

/**
 * gl.tune: hyperparameter search. Search spaces as plain objects (uniform, logUniform,
 * intUniform, choice), seeded random and grid search with early abort of diverging trials,
 * coarse-to-fine refinement, and the coverage count that compares grid and random search.
 * (The learning-rate range test is gl.lrFinder.)
 */
export { uniform, logUniform, intUniform, choice, sample, describeSpace } from "./space";
export type { Uniform, LogUniform, IntUniform, Choice, Distribution, Space, Params } from "./space";
export { randomSearch, gridSearch, ABORT_FACTOR } from "./search";
export type {
  Trial,
  TrialContext,
  SearchResult,
  SearchOptions,
  RandomSearchOptions,
  GridSearchOptions,
  Objective,
  ObjectiveResult,
} from "./search";
export { refine, coverage, REFINE_PADDING } from "./refine";

/**
 * gl.exercises: graded exercises for the notebooks. The framework (checkNumber, checkValues,
 * checkShape, checkFormula, defineExercises) and one module per lesson, registered below:
 * to add a lesson, write src/exercises/<lesson>.ts with defineExercises and export it here.
 */
export { checkNumber, checkValues, checkShape, close } from "./compare";
export type { Mistake, CheckOptions, Tolerance } from "./compare";
export { checkFormula, formulaSymbols } from "./formula";
export type { FormulaCheckOptions, FormulaMistake, VariableRange } from "./formula";
export { defineExercises } from "./define";
export type { Exercise, LessonExercises } from "./define";
export { configure, formatResult, verdict } from "./result";
export type { CheckResult, PrintMode } from "./result";

// lessons
export { backprop } from "./backprop";
export { vanishing } from "./vanishing";
export { activations } from "./activations";
export { gradedExercises } from "./graders";
export type { Grader, Verdict } from "./graders";
export { convArithmetic } from "./convArithmetic";
export { initialization } from "./initialization";
export { receptiveFields } from "./receptiveFields";
export { normalization } from "./normalization";
export { babysitting } from "./babysitting";

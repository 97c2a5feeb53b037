/**
 * gl.exercises: graded exercises for the notebooks. The framework: one Exercise shape and
 * defineExercises (define.ts), one result type and its display (result.ts: CheckResult,
 * showResult, pass/fail), the value checkers with the one Mistake type and DEFAULT_TOLERANCE
 * (compare.ts), the formula checker (formula.ts) and fromSpec, an Exercise from an expected value
 * (spec.ts). Then one module per lesson, registered below: to add a lesson, write
 * src/exercises/<lesson>.ts with defineExercises and export it here.
 */
export { checkNumber, checkValues, checkShape, close, DEFAULT_TOLERANCE } from "./compare";
export type { Mistake, CheckOptions, Tolerance } from "./compare";
export { checkFormula, formulaSymbols } from "./formula";
export type { FormulaCheckOptions, VariableRange } from "./formula";
export { defineExercises } from "./define";
export type { Exercise, LessonExercises } from "./define";
export { fromSpec } from "./spec";
export type { Answer, ExerciseSpec } from "./spec";
export { configure, fail, formatResult, pass, resultHTML, showResult } from "./result";
export type { CheckResult, Grade, MistakeRecord, PrintMode } from "./result";

// lessons
export { backprop } from "./backprop";
export { vanishing } from "./vanishing";
export { activations } from "./activations";
export { initialization } from "./initialization";
export { normalization } from "./normalization";
export { convArithmetic } from "./convArithmetic";
export { receptiveFields } from "./receptiveFields";
export { preprocessing } from "./preprocessing";
export { clipping } from "./clipping";
export { regularization } from "./regularization";
export { gradeCode, differences, kindMismatch } from "./codeGrader";
export type { CodeExerciseSpec, CodeCase, CodeVerdict, WrongVersion, Shortcut } from "./codeGrader";
export { codeExercise } from "./codeExercise";
export { babysitting } from "./babysitting";
export { hyperparameters } from "./hyperparameters";

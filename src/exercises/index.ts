/** `gl.exercises.<lesson>.check(id, answer)`: graded exercises whose feedback names the mistake. */
export * as convArithmetic from "./convArithmetic";

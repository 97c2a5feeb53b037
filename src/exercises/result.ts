/**
 * The verdict of an exercise check: `{ correct, message }`, printed as "✓ …" or "✗ …" in a
 * notebook so a learner sees at once whether the answer is right and, if not, what the likely
 * mistake was.
 */

export interface CheckResult {
  correct: boolean;
  /** What was right, or which mistake the answer looks like and how to fix it. */
  message: string;
}

export type PrintMode = "notebook" | "always" | "never";

let printMode: PrintMode = "notebook";

/**
 * Where check results are printed: "notebook" (default: only inside a tslab kernel), "always", "never".
 * @example gl.exercises.configure({ print: "always" });
 */
export function configure({ print }: { print: PrintMode }): void {
  printMode = print;
}

function inNotebook(): boolean {
  const main = require.main;
  return !!main && /tslab/.test(main.filename);
}

/** "✓ message" or "✗ message". */
export function formatResult(r: CheckResult): string {
  return `${r.correct ? "✓" : "✗"} ${r.message}`;
}

/** Builds a result, prints it where configured, and returns it. */
export function verdict(correct: boolean, message: string): CheckResult {
  const r: CheckResult = { correct, message };
  if (printMode === "always" || (printMode === "notebook" && inNotebook())) console.log(formatResult(r));
  return r;
}

/**
 * The verdict of an exercise check: `{ correct, message }`, printed as "✓ …" or "✗ …" in a
 * notebook so a learner sees at once whether the answer is right and, if not, what the likely
 * mistake was.
 */
import { inNotebook, showHTML } from "../display/notebook";

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

const escapeHTML = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** "✓ message" or "✗ message". */
export function formatResult(r: CheckResult): string {
  return `${r.correct ? "✓" : "✗"} ${r.message}`;
}

/** Builds a result, prints it where configured, and returns it. */
export function verdict(correct: boolean, message: string): CheckResult {
  const r: CheckResult = { correct, message };
  // a notebook echoes a cell's last value: keep that echo to one short line (the message is shown above it)
  Object.defineProperty(r, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => (correct ? "✓ correct" : "✗ not yet"),
  });
  if (printMode === "never" || (printMode === "notebook" && !inNotebook())) return r;
  const color = correct ? "#1a7f37" : "#cf222e";
  showHTML(`<div style="color:${color};font-weight:600">${escapeHTML(formatResult(r))}</div>`, formatResult(r));
  return r;
}

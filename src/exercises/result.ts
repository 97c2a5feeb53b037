/**
 * The result of checking an answer, and the one place it is shown.
 *
 * `gl.exercises.<lesson>.check(name, answer)` grades the answer, counts the attempt, shows the
 * result with {@link showResult} and returns it. A result is plain JSON:
 *
 *   { lesson: "backprop", exercise: "gates", correct: false,
 *     message: "[1, 1, 3]: For x and y you gave the add gate's local gradient …",
 *     mistake: { code: "no-upstream", message: "…" },   // only when a known mistake was recognised
 *     attempt: 2 }                                       // checks of this exercise in this kernel
 *
 * In a notebook it is shown as one HTML output: a line "✓ message" (green) or "✗ message" (red),
 * followed by the same record as machine-readable JSON,
 *
 *   <script type="application/json" class="gradlab-check">{"lesson":"backprop",…}</script>
 *
 * which the browser does not run or show, but which stays in the saved notebook's outputs, so a
 * grading script can collect every check from executed notebooks (find the `text/html` outputs
 * holding `class="gradlab-check"` and parse the script's text as JSON; its `<` are escaped as
 * `\u003c`). Outside a notebook the result is printed as the text line "✓ message" / "✗ message".
 */
import { inNotebook, scriptSafeJSON, showHTML } from "../display/notebook";
import { oneOf, options } from "../args";

/** A known mistake an answer was recognised as: `code` is a short stable id, `message` what the learner was told. */
export interface MistakeRecord {
  code?: string;
  message: string;
}

/** What a check of one exercise decided: the one result type of gl.exercises. */
export interface CheckResult {
  /** The lesson's name, as in `gl.exercises.<lesson>`, e.g. "backprop". */
  lesson: string;
  /** The exercise's name within its lesson, e.g. "gates". */
  exercise: string;
  correct: boolean;
  /** What was right, or which mistake the answer looks like and how to fix it (never the answer itself). */
  message: string;
  /** Present when the answer matched one of the exercise's known mistakes. */
  mistake?: MistakeRecord;
  /** How many times this exercise was checked in this kernel, this check included (0 for `grade`, which does not count). */
  attempt: number;
}

/** What a grader returns: the verdict part of a {@link CheckResult}; the lesson set adds the rest. */
export type Grade = Pick<CheckResult, "correct" | "message" | "mistake">;

/**
 * A correct grade.
 * @example gl.exercises.pass("27: the overlapping pool keeps 27 of 55.").correct // true
 */
export function pass(message: string): Grade {
  return { correct: true, message };
}

/**
 * A wrong grade; with `code`, the answer was recognised as that known mistake.
 * @example gl.exercises.fail("you used n − 1.", "unbiased-variance").mistake?.code // "unbiased-variance"
 */
export function fail(message: string, code?: string): Grade {
  return code === undefined ? { correct: false, message } : { correct: false, message, mistake: { code, message } };
}

export type PrintMode = "always" | "notebook" | "never";

let printMode: PrintMode = "always";

/**
 * Where check results are shown: "always" (default: HTML in a notebook, a text line elsewhere),
 * "notebook" (only inside a tslab kernel) or "never".
 * @example gl.exercises.configure({ print: "always" });
 */
export function configure(opts: { print: PrintMode }): void {
  const o = options<{ print: PrintMode }>("exercises.configure", "opts", opts, ["print"]);
  printMode = oneOf("exercises.configure", "print", o.print, ["always", "notebook", "never"] as const);
}

/**
 * "✓ message" or "✗ message".
 * @example gl.exercises.formatResult({ correct: true, message: "4 is right." }) // "✓ 4 is right."
 */
export function formatResult(r: Pick<CheckResult, "correct" | "message">): string {
  return `${r.correct ? "✓" : "✗"} ${r.message}`;
}

const escapeHTML = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The result as plain JSON fields (what the notebook output carries). */
export function resultRecord(r: CheckResult): CheckResult {
  const { lesson, exercise, correct, message, mistake, attempt } = r;
  const out: CheckResult = { lesson, exercise, correct, message, attempt };
  if (mistake) out.mistake = mistake.code === undefined ? { message: mistake.message } : { ...mistake };
  return out;
}

/**
 * The HTML output of a result: the ✓/✗ line and the machine-readable record.
 * @example gl.exercises.resultHTML({ lesson: "demo", exercise: "two", correct: true, message: "2 is right.", attempt: 1 }).includes('class="gradlab-check"') // true
 */
export function resultHTML(r: CheckResult): string {
  const color = r.correct ? "#1a7f37" : "#cf222e";
  return (
    `<div class="gradlab-check-result" style="color:${color};font-weight:600">${escapeHTML(formatResult(r))}</div>` +
    `<script type="application/json" class="gradlab-check">${scriptSafeJSON(resultRecord(r))}</script>`
  );
}

/**
 * Shows a result (HTML in a notebook, a text line elsewhere, as configured) and returns it. The one
 * display of check results.
 * @example
 * gl.exercises.showResult({ lesson: "demo", exercise: "two", correct: true, message: "2 is right.", attempt: 1 }).correct // true
 */
export function showResult(r: CheckResult): CheckResult {
  // a notebook echoes a cell's last value: keep that echo to one short line (the message is shown above it)
  Object.defineProperty(r, Symbol.for("nodejs.util.inspect.custom"), {
    value: () => (r.correct ? "✓ correct" : "✗ not yet"),
    configurable: true,
  });
  if (printMode === "never" || (printMode === "notebook" && !inNotebook())) return r;
  showHTML(resultHTML(r), formatResult(r));
  return r;
}

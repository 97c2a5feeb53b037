/**
 * What gl.diagnose returns: a Diagnosis, `{ ok, findings }`, each Finding a code with a severity,
 * a sentence saying what is wrong, the measured numbers it rests on, and a fix. It prints as text
 * (toString, and the echo of a notebook cell) and shows as an HTML list in a notebook (`show()`).
 */
import { showHTML } from "../display/notebook";

/** The codes gl.diagnose can report. */
export type FindingCode =
  | "initial-loss"
  | "lr-too-high"
  | "lr-too-low"
  | "no-learning"
  | "overfitting"
  | "underfitting"
  | "dead-units"
  | "saturation"
  | "vanishing-gradients"
  | "exploding-gradients";

export type Severity = "info" | "warning" | "error";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** What is wrong, with the numbers, in a sentence a learner understands. */
  message: string;
  /** The measured values the finding rests on (and the threshold it was judged by). */
  evidence: Record<string, number | string | null | (number | null)[]>;
  /** What to do about it. */
  fix: string;
}

/** A number as a finding prints it: three decimals, or exponent form when very large or small. */
export const f3 = (v: number): string => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(3) : v.toExponential(2));
/** A fraction as a whole percentage. */
export const pct = (v: number): string => `${(100 * v).toFixed(0)} %`;

const escapeHTML = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const ICON: Record<Severity, string> = { error: "✗", warning: "!", info: "i" };
const COLOR: Record<Severity, string> = { error: "#cf222e", warning: "#9a6700", info: "#0969da" };

/**
 * A diagnosis: `ok`, the findings, and the checks that could not run.
 * @example
 * const d = new gl.Diagnosis([]);
 * d.ok // true
 * d.toString() // "gl.diagnose: no problem found."
 */
export class Diagnosis {
  /** True when no finding is a warning or an error. */
  readonly ok: boolean;
  constructor(
    readonly findings: Finding[],
    /** Checks that could not run on this input, and why (e.g. overfitting without validation data). */
    readonly notChecked: { check: string; reason: string }[] = [],
  ) {
    this.ok = !findings.some((f) => f.severity !== "info");
  }

  /** The findings with this code. */
  find(code: FindingCode): Finding | undefined {
    return this.findings.find((f) => f.code === code);
  }

  /** The codes found, in order. */
  get codes(): FindingCode[] {
    return this.findings.map((f) => f.code);
  }

  /** One block of text: a verdict line, then per finding its code, message and fix. */
  toString(): string {
    const head = this.ok
      ? `gl.diagnose: no problem found${this.findings.length ? ` (${this.findings.length} note(s))` : ""}.`
      : `gl.diagnose: ${this.findings.filter((f) => f.severity !== "info").length} problem(s) found.`;
    const lines = [head];
    for (const f of this.findings) {
      lines.push(`${ICON[f.severity]} ${f.severity} ${f.code}: ${f.message}`);
      lines.push(`    fix: ${f.fix}`);
    }
    if (this.notChecked.length)
      lines.push(`not checked: ${this.notChecked.map((n) => `${n.check} (${n.reason})`).join("; ")}`);
    return lines.join("\n");
  }

  /** The HTML list a notebook shows. */
  toHTML(): string {
    const head = escapeHTML(this.toString().split("\n")[0]);
    const items = this.findings
      .map(
        (f) =>
          `<li style="margin:4px 0"><b style="color:${COLOR[f.severity]}">${ICON[f.severity]} ${f.code}</b> ` +
          `<span style="color:${COLOR[f.severity]}">(${f.severity})</span>: ${escapeHTML(f.message)}` +
          `<br><i>Fix:</i> ${escapeHTML(f.fix)}</li>`,
      )
      .join("");
    const not = this.notChecked.length
      ? `<div style="color:#57606a">Not checked: ${escapeHTML(this.notChecked.map((n) => `${n.check} (${n.reason})`).join("; "))}</div>`
      : "";
    const color = this.ok ? "#1a7f37" : "#cf222e";
    return `<div class="gradlab-diagnosis"><div style="font-weight:600;color:${color}">${head}</div><ul style="margin:4px 0">${items}</ul>${not}</div>`;
  }

  /** Shows the diagnosis: an HTML list in a notebook, the text elsewhere. */
  show(): void {
    showHTML(this.toHTML(), this.toString());
  }

  /** What a notebook cell or console.log echoes: the text. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

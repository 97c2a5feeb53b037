/**
 * The sweep covers the whole public API: every function and class reachable from `gl` (two
 * namespace levels deep, as a learner writes them: gl.nn.Linear, gl.probe.lossGrid,
 * gl.arith.models.vgg16) has a catalogue entry in test/sweep/spec*.ts, is covered by the
 * exercises sweep (test/sweep/exercises.test.ts), or is listed below with the reason it is not
 * swept. A new export without an entry fails here, so the sweep cannot fall behind the API.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as gl from "../../src";
import { entries } from "./spec";

/** Exports the sweep does not call, and why. */
const NOT_SWEPT: Record<string, string> = {
  GradlabError: "an error class: gradlab throws it, a learner catches it (instanceof), never constructs it",
  ShapeError: "an error class (thrown, not called)",
  ArgumentError: "an error class (thrown, not called)",
  BackendError: "an error class (thrown, not called)",
  NumericError: "an error class (thrown, not called)",
  NonFiniteError: "an error class (thrown, not called)",
  FormatError: "an error class (thrown, not called)",
  History: "the result type fit() returns, exported for instanceof; its methods (last, toJSON) take no arguments",
  Summary: "the result type summary() returns, exported for instanceof; its methods take no arguments",
  Diagnosis:
    "the result type diagnose() returns, exported for instanceof; find(code) answers an unknown code with undefined, as Array.find",
  "pretrained.trainMnistDigits04":
    "takes no arguments and trains for 10–30 s (the sweep's limit is 3 s a call); its architecture and loader are swept",
  "exercises.pass": "builds a Grade from a message string, for graders; any string is valid",
  "exercises.fail": "builds a Grade from a message string, for graders; any string is valid",
  "exercises.formatResult": "formats a CheckResult gradlab made (graders' plumbing)",
  "exercises.resultHTML": "formats a CheckResult gradlab made (graders' plumbing)",
  "exercises.showResult": "shows a CheckResult gradlab made (graders' plumbing)",
  "exercises.formulaSymbols": "lists the symbols of a parsed mathjs node, for formula graders",
  "exercises.differences": "compares two values for code graders; test/exercises/codeGrader.test.ts covers it",
  "exercises.kindMismatch": "describes a wrong kind of value for code graders; codeGrader.test.ts covers it",
  "exercises.gradeCode":
    "runs a learner's function against a code-exercise spec; codeGrader.test.ts covers bad specs and bad functions",
  "exercises.codeExercise": "builds an Exercise from a code-exercise spec; codeGrader.test.ts covers it",
};
/** Whole families, by prefix, with the reason. */
const NOT_SWEPT_PREFIX: [RegExp, string][] = [
  [
    /^activations\.[a-zA-Z0-9]+\.(f|df|dfOfOutput)$/,
    "the scalar formulas f(x), f′(x) on plain numbers that the tensor ops map over their data: Math semantics (NaN in, NaN out), unchecked because they are the ops' inner loops; the tensor ops themselves are swept",
  ],
];

/** Every function and class path under gl, e.g. "nn.Linear", "arith.models.vgg16". */
function publicPaths(): string[] {
  const out: string[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string, depth: number): void => {
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === "function") out.push(path);
      else if (v && typeof v === "object" && depth < 2 && !(v instanceof gl.Tensor) && !Array.isArray(v))
        walk(v as Record<string, unknown>, path, depth + 1);
    }
  };
  walk(gl as unknown as Record<string, unknown>, "", 0);
  return out.sort();
}

const lessonNames = new Set(
  Object.entries(gl.exercises)
    .filter(([, v]) => typeof (v as { list?: unknown } | undefined)?.list === "function")
    .map(([k]) => k),
);

describe("bad-input sweep: coverage of the public API", () => {
  const names = entries.map((e) => e.fn);
  const covered = (path: string): boolean =>
    names.some((n) => n === path || n.startsWith(`${path}.`)) ||
    lessonNames.has(path.split(".")[1] ?? "") ||
    path in NOT_SWEPT ||
    NOT_SWEPT_PREFIX.some(([re]) => re.test(path));

  it("every public function and class has a sweep entry, is an exercise, or is listed with a reason", () => {
    const paths = publicPaths();
    expect(paths.length).to.be.greaterThan(400);
    expect(paths.filter((p) => !covered(p))).to.deep.equal([]);
  });

  it("the exemption list names only exports that exist", () => {
    const paths = new Set(publicPaths());
    expect(Object.keys(NOT_SWEPT).filter((p) => !paths.has(p))).to.deep.equal([]);
  });

  it("every catalogue entry names a public function, class or class method", () => {
    const paths = new Set(publicPaths());
    const unknown = names.filter((n) => {
      const parts = n.split(".");
      // "nn.Linear.forward" → "nn.Linear"; "arith.models.vgg16" is itself a path
      return !paths.has(n) && !paths.has(parts.slice(0, -1).join("."));
    });
    expect(unknown).to.deep.equal([]);
  });
});

describe("bad-input sweep: every typed error written in src/ carries a fix", () => {
  /** The object literal of each `new XError({ ... })` in a source file, with its line. */
  function errorLiterals(file: string): { line: number; body: string }[] {
    const src = fs.readFileSync(file, "utf8");
    const out: { line: number; body: string }[] = [];
    const re = /new (ArgumentError|ShapeError|NumericError|BackendError|FormatError|NonFiniteError)\(\{/g;
    for (let m = re.exec(src); m; m = re.exec(src)) {
      let i = m.index + m[0].length;
      for (let depth = 1; depth > 0 && i < src.length; i++) depth += src[i] === "{" ? 1 : src[i] === "}" ? -1 : 0;
      out.push({ line: src.slice(0, m.index).split("\n").length, body: src.slice(m.index, i) });
    }
    return out;
  }
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      return d.isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
    });

  it("each one names a fix (the sweep only reaches the errors its mistakes trigger)", () => {
    const root = path.join(__dirname, "..", "..", "..", "src");
    const all = files(root).flatMap((f) => errorLiterals(f).map((e) => ({ ...e, file: path.relative(root, f) })));
    expect(all.length).to.be.greaterThan(300);
    expect(all.filter((e) => !/\bfix\b/.test(e.body)).map((e) => `${e.file}:${e.line}`)).to.deep.equal([]);
  });
});

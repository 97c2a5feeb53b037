/**
 * Runs the `@example` blocks of JSDoc comments as tests. Each example is TypeScript; it is parsed,
 * and a statement followed by a comment that reads as a value (`gl.arith.convOutputSize(...); // 64`,
 * or the comment on the next line) is checked against that value: numbers to the precision they
 * are written with, objects on the keys shown, "correct"/"✓" as `{ correct: true }`. Comments
 * that are prose are not checked, but the code still has to run without throwing.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as gl from "../../src";

/** Repository root (tests run from build/test/...). */
export const ROOT = path.resolve(__dirname, "../../..");

export interface DocExample {
  file: string;
  line: number;
  code: string;
}

/** The @example blocks of a TypeScript source file. */
export function extractExamples(file: string): DocExample[] {
  const text = fs.readFileSync(file, "utf8");
  const out: DocExample[] = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const body = m[1];
    const at = body.indexOf("@example");
    if (at < 0) continue;
    const rest = body.slice(at + "@example".length);
    const lines = rest.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    const end = lines.findIndex((l, i) => i > 0 && /^@\w+/.test(l.trim()));
    const code = (end < 0 ? lines : lines.slice(0, end)).join("\n").trim();
    const line = text.slice(0, m.index! + 3 + at).split("\n").length;
    if (code) out.push({ file: path.relative(ROOT, file), line, code });
  }
  return out;
}

/** The value a comment states, or undefined when the comment is prose. */
export function statedValue(comment: string): { value: unknown } | undefined {
  let s = comment.replace(/^\/\/\s*/, "").trim();
  if (s === "correct" || s === "✓") return { value: { correct: true } };
  s = s.replace(/^≈\s*/, "");
  if (s.includes(" = ")) s = s.slice(s.lastIndexOf(" = ") + 3);
  const candidates = [s, s.replace(/\s*\([^()]*\)\s*$/, "")];
  for (const c of candidates) {
    const literal = c.replace(/(\d),(?=\d{3}\b)/g, "$1");
    try {
      const value: unknown = new Function(`"use strict"; return (${literal});`)();
      if (value !== undefined && typeof value !== "function") return { value };
    } catch {
      // prose
    }
  }
  return undefined;
}

function decimals(x: number): number {
  const s = String(x);
  return s.includes(".") ? s.length - s.indexOf(".") - 1 : 0;
}

/** actual agrees with expected: numbers to expected's written precision, objects on expected's keys. */
export function agrees(actual: unknown, expected: unknown, where: string): void {
  if (actual instanceof gl.Tensor) actual = actual.toArray();
  if (typeof expected === "number") {
    expect(typeof actual, where).to.equal("number");
    const d = decimals(expected);
    const tol = d > 0 ? 0.5 * 10 ** -d : 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs((actual as number) - expected), `${where}: ${actual} vs ${expected}`).to.be.at.most(tol + 1e-12);
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${where}: expected an array, got ${JSON.stringify(actual)}`).to.equal(true);
    expect((actual as unknown[]).length, where).to.equal(expected.length);
    expected.forEach((e, i) => agrees((actual as unknown[])[i], e, `${where}[${i}]`));
  } else if (expected !== null && typeof expected === "object") {
    expect(actual, where).to.be.an("object");
    for (const [k, e] of Object.entries(expected)) agrees((actual as Record<string, unknown>)[k], e, `${where}.${k}`);
  } else expect(actual, where).to.deep.equal(expected);
}

function commentAfter(text: string, stmt: ts.Statement): string | undefined {
  const trailing = ts.getTrailingCommentRanges(text, stmt.end);
  if (trailing && trailing.length > 0) return text.slice(trailing[0].pos, trailing[0].end);
  const leading = ts.getLeadingCommentRanges(text, stmt.end);
  if (leading && leading.length > 0 && leading[0].kind === ts.SyntaxKind.SingleLineCommentTrivia) {
    const between = text.slice(stmt.end, leading[0].pos);
    if (between.split("\n").length === 2) return text.slice(leading[0].pos, leading[0].end); // the very next line
  }
  return undefined;
}

/** Rewrites the example so that each statement with a stated value is checked; returns JS. */
export function instrument(code: string): string {
  const src = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2020, true);
  let out = "";
  let last = 0;
  src.statements.forEach((stmt, i) => {
    const comment = commentAfter(code, stmt);
    const stated = comment === undefined ? undefined : statedValue(comment);
    if (!stated) return;
    const literal = JSON.stringify(stated.value);
    const label = JSON.stringify(`statement ${i + 1}: ${stmt.getText(src).split("\n")[0]}`);
    if (ts.isExpressionStatement(stmt)) {
      out += code.slice(last, stmt.getStart(src)) + `__check((${stmt.expression.getText(src)}), ${literal}, ${label});`;
      last = stmt.end;
    } else if (
      ts.isVariableStatement(stmt) &&
      stmt.declarationList.declarations.length === 1 &&
      ts.isIdentifier(stmt.declarationList.declarations[0].name)
    ) {
      out +=
        code.slice(last, stmt.end) +
        ` __check(${stmt.declarationList.declarations[0].name.text}, ${literal}, ${label});`;
      last = stmt.end;
    }
  });
  out += code.slice(last);
  return ts.transpileModule(`{\n${out}\n}`, {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None },
  }).outputText;
}

/** Runs one example with `context` bound as variables (console.log silenced). */
export function runExample(example: DocExample, context: Record<string, unknown>): void {
  const js = instrument(example.code);
  const names = Object.keys(context);
  const where = `${example.file}:${example.line}`;
  const check = (actual: unknown, expected: unknown, label: string): void =>
    agrees(actual, expected, `${where} ${label}`);
  const log = console.log;
  console.log = () => undefined;
  try {
    new Function("gl", "__check", ...names, js)(gl, check, ...names.map((n) => context[n]));
  } finally {
    console.log = log;
  }
}

/** Registers one mocha test per example of each file under `dirs` (relative to the repository root). */
export function describeDocExamples(
  title: string,
  paths: string[],
  context: (file: string) => Record<string, unknown>,
): void {
  describe(title, () => {
    for (const p of paths) {
      const abs = path.join(ROOT, p);
      const files = fs.statSync(abs).isDirectory()
        ? fs
            .readdirSync(abs)
            .filter((f) => f.endsWith(".ts"))
            .map((f) => path.join(abs, f))
        : [abs];
      for (const file of files)
        for (const example of extractExamples(file)) {
          it(`${example.file}:${example.line} runs and gives what its comments say`, () =>
            runExample(example, context(file)));
        }
    }
  });
}

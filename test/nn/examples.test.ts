/**
 * Runs every JSDoc `@example` in src/nn and src/optim (STYLE: "doc examples are run by tests").
 * A line `expr // value` is checked when `value` (up to " = ", " (", ": ", "; " or " —") reads
 * as a JavaScript literal, arrays and objects element by element: a truncated number ("1.4142...")
 * within one unit of its last digit, a rounded one ("0.693") within half a unit, a short one
 * ("0.5", "2") exactly. Other comments are prose.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as gl from "../../src";

const ROOT = path.resolve(__dirname, "../../..");
const DIRS = ["src/nn", "src/optim"];
const SKIP = new Set(["src/nn/module.ts"]); // the core's file, not part of this suite

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? filesUnder(rel) : rel.endsWith(".ts") && !SKIP.has(rel) ? [rel] : [];
  });
}

/** The code of each @example in a file: the rest of its JSDoc block, comment stars removed. */
function examplesOf(source: string): string[] {
  const out: string[] = [];
  for (const block of source.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
    const at = block.indexOf("@example");
    if (at < 0) continue;
    const text = block
      .slice(at + "@example".length, block.length - 2)
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n")
      .split(/\n\s*@\w+/)[0];
    out.push(text.trim());
  }
  return out;
}

/** The literal a comment states, or undefined for prose. */
function expectedOf(comment: string): { value: unknown; tol: number } | undefined {
  let text = comment.trim();
  if (!text.startsWith("{")) text = text.split(/ = |: |; | —| \(/)[0];
  const truncated = /\d\.\.\./.test(text);
  text = text.replace(/(\d)\.\.\./g, "$1");
  if (!/^[[\]{}\d\s,.\-+e"\w:]*$/.test(text) || /^[a-zA-Z]/.test(text)) return undefined;
  try {
    const value = new Function(`return (${text});`)();
    const decimals = Math.max(0, ...(text.match(/\.\d+/g) ?? []).map((d) => d.length - 1));
    // "1.4142..." is truncated: within one unit of the last digit; "0.693" is rounded: half a unit;
    // short numbers ("0.5", "2") are exact (up to float32 rounding)
    const tol = truncated ? 10 ** -decimals : decimals >= 2 ? 0.5 * 10 ** -decimals : 1e-6;
    return { value, tol };
  } catch {
    return undefined;
  }
}

function same(actual: unknown, expected: unknown, tol: number): boolean {
  if (typeof expected === "number")
    return typeof actual === "number" && Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)) * 1.0001;
  if (Array.isArray(expected)) {
    const a = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as number[]) : actual;
    return Array.isArray(a) && a.length === expected.length && expected.every((e, i) => same(a[i], e, tol));
  }
  if (expected && typeof expected === "object")
    return (
      !!actual &&
      typeof actual === "object" &&
      Object.entries(expected).every(([k, v]) => same((actual as Record<string, unknown>)[k], v, tol))
    );
  return actual === expected;
}

/** Turns an example into a function body; checked lines call __check(actual, comment). */
function compile(example: string): string {
  const lines = example.split("\n").map((line) => {
    const at = line.indexOf("//");
    if (at < 0) return line;
    const code = line.slice(0, at).trim();
    const comment = line.slice(at + 2);
    if (!code || code.endsWith(";") || expectedOf(comment) === undefined) return code;
    const cut = code.lastIndexOf("; ");
    const [before, expr] = cut < 0 ? ["", code] : [code.slice(0, cut + 1), code.slice(cut + 2)];
    if (/^(const|let|var) /.test(expr)) return code;
    return `${before} __check(${expr}, ${JSON.stringify(comment)});`;
  });
  return `{\n${lines.join("\n")}\n}`;
}

describe("JSDoc examples of gl.nn, gl.init, gl.loss and gl.optim run and print what they say", () => {
  const all = DIRS.flatMap(filesUnder).flatMap((file) =>
    examplesOf(fs.readFileSync(path.join(ROOT, file), "utf8")).map((ex) => [file, ex] as const),
  );

  it("finds the examples, and the checker catches a comment that lies", () => {
    expect(all.length).to.be.above(60);
    const run = (ex: string): void =>
      new Function("gl", "__check", compile(ex))(gl, (actual: unknown, comment: string) => {
        const exp = expectedOf(comment)!;
        if (!same(actual, exp.value, exp.tol)) throw new Error(comment);
      });
    expect(() => run('gl.init.calculateGain("relu") // 1.4142...')).not.to.throw();
    expect(() => run('gl.init.calculateGain("relu") // 1.4152...')).to.throw();
    expect(() => run("gl.tensor([1, 2]).toList() // [1, 3]: prose after")).to.throw();
    expect(() => run("gl.init.computeFans([8, 3, 5, 5]) // { fanIn: 75, fanOut: 201 }")).to.throw();
  });

  for (const [file, example] of all) {
    it(`${file}: ${example.split("\n").slice(-1)[0].slice(0, 90)}`, () => {
      gl.seed(0);
      const checks: string[] = [];
      const check = (actual: unknown, comment: string): void => {
        const exp = expectedOf(comment)!;
        checks.push(comment);
        if (!same(actual, exp.value, exp.tol))
          expect.fail(
            `example says ${comment.trim()}, but got ${JSON.stringify(actual instanceof gl.Tensor ? actual.toList() : actual)}`,
          );
      };
      new Function("gl", "__check", compile(example))(gl, check);
    });
  }
});

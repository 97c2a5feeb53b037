/**
 * Runs the JSDoc `@example` snippets of src/ (STYLE.md: "doc examples in JSDoc are run by tests").
 * Each snippet is TypeScript, transpiled and run inside an async function (so `await` works) with
 * `gl` (the public barrel) and the names its own module exports in scope (so an internal helper's
 * example can call it). A line `expression // value` where the comment parses as a value (a
 * number, a string, true/false, or arrays of those; `2.718...` means "starts with these digits",
 * `0.693` means "rounds to 0.693"; a trailing "(remark)" is ignored) is also checked: the expression must evaluate to that value.
 * Other comments (`// shape [2, 2]`) are prose.
 * A snippet whose first line is `// not run: <reason>` is listed as pending with the reason
 * (for snippets that need a live Jupyter kernel, say).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as gl from "../src";

const SRC = path.resolve(__dirname, "../../src");

export interface DocExample {
  file: string; // relative to src/
  name: string; // the documented function, const or class
  line: number; // line of the @example tag
  code: string;
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** The name declared right after a doc comment (function, const, class, or a class member). */
function declaredName(after: string): string {
  const m =
    /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type)\s+([A-Za-z_$][\w$]*)/.exec(
      after,
    ) ?? /^\s*(?:(?:public|static|override|readonly|get|set|async)\s+)*([A-Za-z_$][\w$]*)\s*[(<:=]/.exec(after);
  return m ? m[1] : "(unknown)";
}

/** Every @example in the JSDoc comments of one source file. */
export function examplesIn(file: string): DocExample[] {
  const text = fs.readFileSync(file, "utf8");
  const out: DocExample[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  let m: RegExpExecArray | null;
  while ((m = comment.exec(text))) {
    const body = m[1]
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n");
    const startLine = text.slice(0, m.index).split("\n").length;
    const name = declaredName(text.slice(m.index + m[0].length));
    // an example runs from its tag to the next tag at the start of a line, or to the comment's end
    const tag = /@example\b([\s\S]*?)(?=\n\s*@\w|$)/g;
    let t: RegExpExecArray | null;
    while ((t = tag.exec(body))) {
      const code = t[1].replace(/^[ \t]+/, "").trim();
      const line = startLine + body.slice(0, t.index).split("\n").length - 1;
      if (code) out.push({ file: path.relative(SRC, file), name, line, code });
    }
  }
  return out;
}

/** Parses a result comment (`[1, 2.718...]`, `0.5`, `true`); undefined if it is prose. */
export function parseExpected(comment: string): unknown {
  const marked = comment
    .trim()
    .replace(/\s+\(.*\)$/, "") // a trailing "(remark)" after the value
    .replace(/(-?\d+(?:\.\d+)?)\.\.\./g, '"~$1"') // 2.718... : these leading digits
    .replace(/(^|[[,\s])(-?\d+\.\d+)(?=[\],\s]|$)/g, '$1"≈$2"'); // 0.693 : rounds to this
  const strings = marked.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  if (!/^[-\d[\]",.\s]*$|^(true|false)$/.test(strings) || !/[\d"tf]/.test(strings)) return undefined;
  try {
    return JSON.parse(marked);
  } catch {
    return undefined;
  }
}

/** Compares a value with a parsed expectation: exact-ish numbers, `~digits` as a prefix. */
function matches(actual: unknown, expected: unknown): boolean {
  if (actual instanceof gl.Tensor) return matches(actual.toArray(), expected);
  if (ArrayBuffer.isView(actual)) return matches(Array.from(actual as unknown as ArrayLike<number>), expected);
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))
    );
  if (typeof expected === "string" && (expected.startsWith("~") || expected.startsWith("≈"))) {
    // "~2.718" (written 2.718...): within one unit of the last digit shown;
    // "≈0.693" (written 0.693): rounds to it, within half a unit (and float32 noise)
    const digits = expected.slice(1);
    const unit = Math.pow(10, -(digits.split(".")[1]?.length ?? 0));
    const tol = expected.startsWith("~") ? unit : unit / 2 + 1e-6 * Math.abs(Number(digits));
    return typeof actual === "number" && Math.abs(actual - Number(digits)) <= tol;
  }
  if (typeof expected === "number")
    return typeof actual === "number" && Math.abs(actual - expected) <= 1e-6 + 1e-5 * Math.abs(expected);
  return actual === expected;
}

const STATEMENT =
  /^(const|let|var|if|for|while|do|return|function|class|import|export|await\s+[\w.]+\s*\(.*\)\s*;?\s*$|[{}])/;

/** Rewrites `expr // value` lines into checks; returns the code to run. */
export function instrument(code: string): string {
  return code
    .split("\n")
    .map((line, i) => {
      const m = /^(.*?);?\s*\/\/\s*(.+)$/.exec(line);
      if (!m || !m[1].trim() || STATEMENT.test(m[1].trim())) return line;
      const expected = parseExpected(m[2]);
      if (expected === undefined) return line;
      // only the last statement on the line is the checked expression
      const parts = m[1].split(/;\s*/);
      const expr = parts.pop()!;
      if (STATEMENT.test(expr.trim())) return line;
      return `${parts.map((p) => p + "; ").join("")}__check((${expr}), ${JSON.stringify(m[2].trim())}, ${i + 1});`;
    })
    .join("\n");
}

/** The compiled module an example comes from (its exports are in scope when the example runs). */
function moduleOf(ex: DocExample): Record<string, unknown> {
  const compiled = path.join(__dirname, "../src", ex.file.replace(/\.ts$/, ".js"));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is found at run time
  return fs.existsSync(compiled) ? (require(compiled) as Record<string, unknown>) : {};
}

/** TypeScript source of an example -> an async function of (gl, __check, ...its module's names). */
function compile(ex: DocExample, names: string[]): (...args: unknown[]) => Promise<unknown> {
  // the module's names are parameters of an outer function, so the example may redeclare them
  const params = names.map((n) => `, ${n}`).join("");
  const source = `async function __example(gl, __check${params}) {\n  return (async () => {\n${instrument(ex.code)}\n  })();\n}`;
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None },
  }).outputText;
  return new Function(`${js}\nreturn __example;`)() as (...args: unknown[]) => Promise<unknown>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

async function runExample(ex: DocExample): Promise<void> {
  const failures: string[] = [];
  const check = (actual: unknown, comment: string, line: number): void => {
    const expected = parseExpected(comment);
    if (!matches(actual, expected)) {
      const shown = actual instanceof gl.Tensor ? JSON.stringify(actual.toArray()) : JSON.stringify(actual);
      failures.push(`line ${line} of the example: got ${shown}, the comment says ${comment}`);
    }
  };
  const previousBackend = gl.backend().name;
  try {
    const mod = moduleOf(ex);
    const names = Object.keys(mod).filter(
      (n) => IDENTIFIER.test(n) && n !== "gl" && n !== "default" && !n.startsWith("__"),
    );
    await compile(ex, names)(gl, check, ...names.map((n) => mod[n]));
  } catch (e) {
    throw new Error(`${ex.file}:${ex.line} example of ${ex.name} throws: ${(e as Error).message}\n${ex.code}`);
  } finally {
    gl.setBackend(previousBackend);
  }
  if (failures.length)
    throw new Error(`${ex.file}:${ex.line} example of ${ex.name} is wrong:\n  ${failures.join("\n  ")}\n${ex.code}`);
}

const all = tsFiles(SRC).flatMap(examplesIn);

describe("doc examples: every @example in src/ runs, and its result comments hold", () => {
  it("finds the examples (the parser sees inline and multi-line @example tags)", () => {
    expect(all.length).to.be.greaterThan(50);
    const names = all.map((e) => e.name);
    expect(names).to.include.members(["sigmoid", "tensor", "gradcheck", "matmul"]);
  });

  for (const ex of all) {
    const skip = /^\/\/\s*not run:\s*(.*)/.exec(ex.code);
    if (skip) {
      it.skip(`${ex.file}: ${ex.name} (not run: ${skip[1]})`);
      continue;
    }
    it(`${ex.file}: ${ex.name}`, () => runExample(ex));
  }
});

describe("doc examples: the checker itself", () => {
  it("reads `expr // [values]` lines as checks and prose comments as prose", () => {
    expect(parseExpected("[1, 2.718...]")).to.deep.equal([1, "~2.718"]);
    expect(parseExpected("[0.5, 2]")).to.deep.equal(["≈0.5", 2]);
    expect(parseExpected("true")).to.equal(true);
    expect(parseExpected('"x4"')).to.equal("x4");
    expect(parseExpected("shape [2, 2]")).to.equal(undefined);
    expect(parseExpected("[1, 3]  (edges [0, 1, 2])")).to.deep.equal([1, 3]);
    expect(instrument("gl.exp(x) // [1]")).to.include('__check((gl.exp(x)), "[1]", 1)');
    expect(instrument("const y = f(); // [1]")).to.equal("const y = f(); // [1]");
  });

  it("fails a wrong result comment and names the file and function", async () => {
    const wrong: DocExample = {
      file: "ops/math.ts",
      name: "exp",
      line: 1,
      code: "gl.exp(gl.tensor([0])).toArray() // [2]",
    };
    let message = "";
    try {
      await runExample(wrong);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message)
      .to.match(/ops\/math\.ts:1 example of exp is wrong/)
      .and.match(/got \[1\]/);
  });

  it("accepts a truncated or rounded value only when the digits shown are right", () => {
    expect(matches(2.71828, "~2.718")).to.equal(true);
    expect(matches(2.7, "~2.718")).to.equal(false);
    expect(matches(0.6931, "≈0.693")).to.equal(true);
    expect(matches(0.6936, "≈0.693")).to.equal(false);
    expect(matches(4.000001, 4)).to.equal(true);
    expect(matches(4.1, 4)).to.equal(false);
  });
});

describe("doc examples: every public function of tensor, ops, autograd, random and backend has one", () => {
  const dirs = ["tensor", "ops", "autograd", "random.ts", "backend"].map((d) => path.join(SRC, d));
  const files = dirs.flatMap((d) => (fs.existsSync(d) ? (fs.statSync(d).isDirectory() ? tsFiles(d) : [d]) : []));
  const documented = new Set(all.map((e) => e.name));
  const publicNames = new Set(Object.keys(gl));
  const missing: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/^export (?:async )?(?:function|const) ([A-Za-z_$][\w$]*)/gm)) {
      const name = m[1];
      const value = (gl as Record<string, unknown>)[name];
      if (
        publicNames.has(name) &&
        (typeof value === "function" || typeof value === "object") &&
        !documented.has(name)
      ) {
        missing.push(`${path.relative(SRC, file)}: ${name}`);
      }
    }
  }
  it("no public function in these folders lacks an @example", () => {
    expect(missing, `public functions without an @example:\n  ${missing.join("\n  ")}`).to.deep.equal([]);
  });
});

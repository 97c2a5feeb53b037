/**
 * The one runner of the JSDoc `@example` snippets of src/ (STYLE.md: "doc examples in JSDoc are
 * run by tests"). Each snippet is TypeScript, transpiled and run inside an async function (so
 * `await` works) with `gl` (the public barrel) and the names its own module exports in scope (so
 * an internal helper's example can call it); what it prints is silenced.
 * A statement followed by a comment that reads as a value, on the same line or alone on the next
 * (`gl.arith.convOutputSize(...); // 64`, `const n = ...; // 8`), is also checked: the
 * expression (or the declared name) must equal that value. See `parseExpected` for the forms
 * (numbers to the precision written, `2.718...`, `≈ 0.127`, `a·b + c = 1792`, `4,097,000`,
 * arrays, objects checked on the keys shown, `correct`). Other comments (`// shape [2, 2]`) are prose.
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

/** A number literal as written in a comment: its value and how precisely it is written. */
const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/**
 * The value a result comment states, or undefined when the comment is prose. Forms:
 * a number, a string, true/false/null, arrays and objects of those (`{ before: 0, after: 1 }`:
 * checked on the keys shown); `2.718...` means "starts with these digits" (marked "~2.718"),
 * `0.693` means "rounds to 0.693" (marked "≈0.693"), an integer means that integer;
 * `≈ 0.127` = `0.127`; `64·3·3·3 + 64 = 1792` states the value after the last " = ";
 * `4,097,000` is 4097000; `correct` / `✓` mean `{ correct: true }`; a trailing "(remark)" is ignored.
 */
export function parseExpected(comment: string): unknown {
  let s = comment.trim().replace(/^\/\/\s*/, "");
  if (s === "correct" || s === "✓") return { correct: true };
  s = s.replace(/^≈\s*/, "");
  // "64·3·3·3 + 64 = 1792": the value after the last " = " of a computation (not "a = 0.25", which is prose)
  const eq = s.lastIndexOf(" = ");
  if (eq > 0 && /^[\d\s.,·×*+\-−/()^²√]+$/.test(s.slice(0, eq)) && /\d/.test(s.slice(0, eq))) s = s.slice(eq + 3);
  for (const candidate of [s, s.replace(/\s+\([^()]*(?:\([^()]*\)[^()]*)*\)\s*$/, "")]) {
    const c = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(candidate) ? candidate.replace(/,/g, "") : candidate;
    const value = literal(c.replace(/(-?\d+(?:\.\d+)?)\.\.\./g, '"~$1"'));
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A JSON-like literal read with the TypeScript parser (nothing is evaluated); undefined if it is not one. */
function literal(text: string): unknown {
  if (!text.trim()) return undefined;
  const src = ts.createSourceFile("comment.ts", `(${text});`, ts.ScriptTarget.ES2020, true);
  const diagnostics = (src as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  if (src.statements.length !== 1 || diagnostics.length > 0) return undefined;
  const stmt = src.statements[0];
  if (!ts.isExpressionStatement(stmt) || !ts.isParenthesizedExpression(stmt.expression)) return undefined;
  const NOT = Symbol("not a literal");
  const read = (node: ts.Expression): unknown => {
    if (ts.isNumericLiteral(node) || (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand))) {
      const written = node.getText(src).replace(/\s+/g, "");
      if (!NUMBER_TEXT.test(written)) return NOT;
      return /\./.test(written) && !/e/i.test(written) ? `≈${written}` : Number(written);
    }
    if (ts.isStringLiteral(node)) return node.text;
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isIdentifier(node) && (node.text === "Infinity" || node.text === "NaN")) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken && ts.isIdentifier(node.operand))
      return node.operand.text === "Infinity" ? -Infinity : NOT;
    if (ts.isArrayLiteralExpression(node)) {
      const items = node.elements.map((e) => read(e));
      return items.includes(NOT) ? NOT : items;
    }
    if (ts.isObjectLiteralExpression(node)) {
      const out: Record<string, unknown> = {};
      for (const p of node.properties) {
        if (!ts.isPropertyAssignment(p) || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return NOT;
        const v = read(p.initializer);
        if (v === NOT) return NOT;
        out[p.name.text] = v;
      }
      return out;
    }
    return NOT;
  };
  const value = read(stmt.expression.expression);
  return value === NOT ? undefined : value;
}

/**
 * Compares a value with a parsed expectation: `~digits` as a prefix, `≈digits` rounded, an integer
 * exactly (within 1e-6 relative when the value is not a whole number, e.g. float32 round-off),
 * other numbers within 1e-6 relative, arrays element by element, objects on the keys shown.
 */
function matches(actual: unknown, expected: unknown): boolean {
  if (actual instanceof gl.Tensor) return matches(actual.toArray(), expected);
  if (ArrayBuffer.isView(actual)) return matches(Array.from(actual as unknown as ArrayLike<number>), expected);
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e))
    );
  if (expected !== null && typeof expected === "object") {
    if (actual === null || typeof actual !== "object") return false;
    return Object.entries(expected).every(([k, e]) => matches((actual as Record<string, unknown>)[k], e));
  }
  if (typeof expected === "string" && (expected.startsWith("~") || expected.startsWith("≈"))) {
    // "~2.718" (written 2.718...): within one unit of the last digit shown;
    // "≈0.693" (written 0.693): rounds to it, within half a unit (and float32 noise)
    const digits = expected.slice(1);
    const unit = Math.pow(10, -(digits.split(".")[1]?.length ?? 0));
    const tol = expected.startsWith("~") ? unit : unit / 2 + 1e-6 * Math.abs(Number(digits));
    return typeof actual === "number" && Math.abs(actual - Number(digits)) <= tol;
  }
  if (typeof expected === "number") {
    if (typeof actual !== "number") return false;
    if (Number.isNaN(expected)) return Number.isNaN(actual);
    if (!Number.isFinite(expected) || (Number.isInteger(expected) && Number.isInteger(actual)))
      return actual === expected;
    return Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected));
  }
  return actual === expected;
}

/** The comment that states a statement's result: on its own line after it, or alone on the next line. */
function commentAfter(code: string, stmt: ts.Statement): string | undefined {
  const trailing = ts.getTrailingCommentRanges(code, stmt.end);
  if (trailing && trailing.length > 0 && trailing[0].kind === ts.SyntaxKind.SingleLineCommentTrivia)
    return code.slice(trailing[0].pos + 2, trailing[0].end);
  if (trailing && trailing.length > 0) return undefined;
  const leading = ts.getLeadingCommentRanges(code, stmt.end);
  if (leading && leading.length > 0 && leading[0].kind === ts.SyntaxKind.SingleLineCommentTrivia) {
    const between = code.slice(stmt.end, leading[0].pos);
    if (between.split("\n").length === 2) return code.slice(leading[0].pos + 2, leading[0].end); // the very next line
  }
  return undefined;
}

/**
 * Rewrites the example so that each statement with a stated value is checked: an expression
 * statement `expr; // value` becomes `__check((expr), "value", line)`, a declaration
 * `const n = expr; // value` is followed by `__check(n, "value", line)`. Statements in nested
 * blocks are checked too. Returns TypeScript.
 */
export function instrument(code: string): string {
  const src = ts.createSourceFile("example.ts", code, ts.ScriptTarget.ES2020, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node)) {
      const comment = commentAfter(code, node);
      if (comment !== undefined && parseExpected(comment) !== undefined) {
        const line = src.getLineAndCharacterOfPosition(node.getStart(src)).line + 1;
        const stated = JSON.stringify(comment.trim());
        if (ts.isExpressionStatement(node)) {
          edits.push({
            start: node.getStart(src),
            end: node.end,
            text: `__check((${node.expression.getText(src)}), ${stated}, ${line});`,
          });
          return;
        }
        const decls = node.declarationList.declarations;
        if (decls.length === 1 && ts.isIdentifier(decls[0].name)) {
          edits.push({ start: node.end, end: node.end, text: ` __check(${decls[0].name.text}, ${stated}, ${line});` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
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
  const log = console.log;
  console.log = () => undefined; // examples that print (figures, check results) stay quiet
  try {
    const mod = moduleOf(ex);
    const names = Object.keys(mod).filter(
      (n) => IDENTIFIER.test(n) && n !== "gl" && n !== "default" && !n.startsWith("__"),
    );
    await compile(ex, names)(gl, check, ...names.map((n) => mod[n]));
  } catch (e) {
    throw new Error(`${ex.file}:${ex.line} example of ${ex.name} throws: ${(e as Error).message}\n${ex.code}`);
  } finally {
    console.log = log;
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
  it("reads result comments as values and prose comments as prose", () => {
    expect(parseExpected("[1, 2.718...]")).to.deep.equal([1, "~2.718"]);
    expect(parseExpected("[0.5, 2]")).to.deep.equal(["≈0.5", 2]);
    expect(parseExpected("true")).to.equal(true);
    expect(parseExpected('"x4"')).to.equal("x4");
    expect(parseExpected("shape [2, 2]")).to.equal(undefined);
    expect(parseExpected("[1, 3]  (edges [0, 1, 2])")).to.deep.equal([1, 3]);
    expect(parseExpected("64")).to.equal(64);
    expect(parseExpected("4,097,000")).to.equal(4097000);
    expect(parseExpected("64·3·3·3 + 64 = 1792")).to.equal(1792);
    expect(parseExpected("27 (AlexNet's overlapping pooling)")).to.equal(27);
    expect(parseExpected("≈ 0.127")).to.equal("≈0.127");
    expect(parseExpected("{ before: 0, after: 1 }")).to.deep.equal({ before: 0, after: 1 });
    expect(parseExpected("correct")).to.deep.equal({ correct: true });
    expect(parseExpected("number of batches per epoch")).to.equal(undefined);
    expect(parseExpected("process")).to.equal(undefined); // names are never evaluated
    expect(parseExpected("a = 0.25")).to.equal(undefined);
  });

  it("checks expression statements and declarations, with the comment on the same or the next line", () => {
    expect(instrument("gl.exp(x) // [1]")).to.include('__check((gl.exp(x)), "[1]", 1)');
    expect(instrument("f(1); // 2")).to.contain('__check((f(1)), "2", 1)');
    expect(instrument("const y = f(); // [1]")).to.include('__check(y, "[1]", 1)');
    expect(instrument("f(1);\n// 2")).to.contain('__check((f(1)), "2", 1)');
    expect(instrument("for (const a of b) {\n  g(a); // 3\n}")).to.contain('__check((g(a)), "3", 2)');
    expect(instrument("f(1); // the first call")).to.equal("f(1); // the first call");
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

  it("fails a wrong value on the next line, in a declaration, and in an object's shown keys", async () => {
    const fails = async (code: string): Promise<string> => {
      try {
        await runExample({ file: "x.ts", name: "x", line: 1, code });
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    expect(
      await fails("gl.arith.convOutputSize({ inputSize: 128, kernelSize: 3, stride: 2, padding: 1 }); // 65"),
    ).to.match(/got 64, the comment says 65/);
    expect(
      await fails("gl.arith.tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 });\n// { before: 1 }"),
    ).to.match(/the comment says \{ before: 1 \}/);
    expect(await fails("const n = gl.arith.linearParams({ inFeatures: 2, outFeatures: 3 }); // 8")).to.match(
      /got 9, the comment says 8/,
    );
    expect(
      await fails("gl.arith.tfSamePadding({ inputSize: 128, kernelSize: 3, stride: 2 }); // { before: 0, after: 1 }"),
    ).to.equal("");
  });

  it("numbers are compared to the precision they are written with", async () => {
    const ratio = "gl.arith.depthwiseSeparableParams({ inChannels: 32, outChannels: 64, kernelSize: 3 }).ratio;";
    await runExample({ file: "x.ts", name: "x", line: 1, code: `${ratio} // 0.13` });
    let threw = false;
    try {
      await runExample({ file: "x.ts", name: "x", line: 1, code: `${ratio} // 0.12` });
    } catch {
      threw = true;
    }
    expect(threw).to.equal(true);
  });

  it("accepts a truncated or rounded value only when the digits shown are right; integers exactly", () => {
    expect(matches(2.71828, "~2.718")).to.equal(true);
    expect(matches(2.7, "~2.718")).to.equal(false);
    expect(matches(0.6931, "≈0.693")).to.equal(true);
    expect(matches(0.6936, "≈0.693")).to.equal(false);
    expect(matches(4.000001, 4)).to.equal(true);
    expect(matches(4.1, 4)).to.equal(false);
    expect(matches(4097001, 4097000)).to.equal(false);
    expect(matches({ correct: true, message: "…" }, { correct: true })).to.equal(true);
    expect(matches({ correct: false }, { correct: true })).to.equal(false);
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

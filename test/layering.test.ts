/**
 * The architecture, checked: every import under src/ points down the flow of DESIGN.md
 *   tensor → backend → autograd → ops → nn → optim → train → probe → diagnose → plot
 * with errors, args (argument checks), random and display (notebook output) as the floor, arith, data and io beside
 * (they import only the floor, tensor and each other), and tune, pretrained, exercises and
 * index.ts at the top. A file may import its own room and any room below it, never one above.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "../../src");

/** Each room's height: a file may import rooms of a lower height (and its own). */
const HEIGHT: Record<string, number> = {
  errors: 0,
  args: 0.5, // the argument checks every entry point uses (numbers, flags, options); tensor checks are tensor/check.ts
  random: 0.6, // the seeded generator: checks its seed with args
  display: 0,
  arith: 1, // pure formulas; reads modules duck-typed (type-only imports of nn, below)
  tensor: 2,
  data: 3,
  io: 3,
  backend: 4,
  autograd: 5,
  ops: 6,
  nn: 7,
  optim: 8,
  train: 9,
  probe: 10,
  summary: 11,
  diagnose: 12,
  plot: 13,
  tune: 14,
  pretrained: 14,
  exercises: 15,
  index: 16,
};

/**
 * Imports allowed upward, each with its reason. Type-only: they vanish from the compiled code,
 * so they create no run-time dependency.
 */
const ALLOWED_UP: { from: string; to: string; typeOnly: true; why: string }[] = [
  {
    from: "arith",
    to: "nn",
    typeOnly: true,
    why: "arith reads a Module's fields duck-typed (fromModule.ts) and names the activation classes in LayerSpec",
  },
];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith(".ts") ? [p] : [];
  });
}

/** The room of a path under src/: its first folder, or the file's own name for top-level files. */
function roomOf(file: string): string {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0] : rel[0].replace(/\.(d\.)?ts$/, "");
}

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, "utf8");
  const out: Import[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?[^"';]*?from\s+"(\.[^"]+)"|^\s*import\s+"(\.[^"]+)"/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const spec = m[3] ?? m[4];
    out.push({ file, target: path.resolve(path.dirname(file), spec), typeOnly: m[2] !== undefined });
  }
  return out;
}

describe("layering: imports under src/ point down the flow", () => {
  const files = tsFiles(SRC).filter((f) => !f.includes(`${path.sep}assembly${path.sep}`));

  it("every room under src/ has a place in the flow", () => {
    const rooms = [...new Set(files.map(roomOf))];
    expect(rooms.filter((r) => !(r in HEIGHT))).to.deep.equal([]);
  });

  it("no file imports from a room above its own", () => {
    const wrong: string[] = [];
    for (const f of files)
      for (const imp of importsOf(f)) {
        const from = roomOf(f);
        const to = roomOf(imp.target.endsWith(".ts") ? imp.target : `${imp.target}.ts`);
        if (from === to || HEIGHT[to] < HEIGHT[from]) continue;
        if (ALLOWED_UP.some((a) => a.from === from && a.to === to && imp.typeOnly)) continue;
        wrong.push(`${path.relative(SRC, f)} (${from}) imports ${path.relative(SRC, imp.target)} (${to})`);
      }
    expect(wrong, `imports pointing up the flow:\n  ${wrong.join("\n  ")}`).to.deep.equal([]);
  });

  it("the check sees imports (a file of the top imports from below it)", () => {
    const index = importsOf(path.join(SRC, "index.ts")).map((i) => roomOf(`${i.target}.ts`));
    expect(index).to.include.members(["tensor", "train", "plot"]);
  });
});

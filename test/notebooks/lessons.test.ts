/**
 * The lesson-source format (lessons/README.md): which fences become which cells, and a build that
 * is deterministic, so committed notebooks can be compared with their sources.
 */
import { expect } from "chai";
import * as path from "path";

interface Cell {
  type: "markdown" | "code";
  role: "both" | "exercise" | "solution";
  raises: boolean;
  source: string;
  line: number;
}
interface Lessons {
  parseLesson(text: string, file?: string): Cell[];
  notebookJSON(cells: Cell[], sourceRel: string, audience: "student" | "solutions"): string;
}
interface NotebookCell {
  cell_type: string;
  id: string;
  source: string[];
  metadata: { tags?: string[]; nbgrader?: Record<string, unknown> };
  outputs?: unknown[];
}

// scripts/ is plain Node (CommonJS); tests run from build/, so resolve from the repo root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lessons = require(path.resolve("scripts", "lessons.js")) as Lessons;

const source = [
  "# 99 · Example",
  "",
  "Intro text.",
  "",
  "```ts",
  "const x = 1;",
  "```",
  "",
  "Shown, not run:",
  "",
  "```typescript",
  "```ts",
  "```",
  "",
  "```ts exercise",
  "const answer = 0;",
  "```",
  "```ts solution",
  "const answer = x + 1;",
  "```",
  "<!-- cell -->",
  "Second markdown cell.",
  "",
  "```ts raises",
  "throw new Error('taught');",
  "```",
].join("\n");

function cellsOf(json: string): NotebookCell[] {
  return (JSON.parse(json) as { cells: NotebookCell[] }).cells;
}

describe("lesson sources -> notebooks", () => {
  it("cuts markdown and ```ts fences into cells; other fences stay in the markdown", () => {
    const cells = lessons.parseLesson(source);
    expect(cells.map((c) => `${c.type}:${c.role}`)).to.deep.equal([
      "markdown:both",
      "code:both",
      "markdown:both",
      "code:exercise",
      "code:solution",
      "markdown:both",
      "code:both",
    ]);
    expect(cells[2].source).to.equal("Shown, not run:\n\n```typescript\n```ts\n```");
    expect(cells[6].raises).to.equal(true);
  });

  it("keeps solution cells out of the student notebook and exercise cells out of the solutions", () => {
    const cells = lessons.parseLesson(source);
    const student = cellsOf(lessons.notebookJSON(cells, "lessons/99-example.md", "student"));
    const solutions = cellsOf(lessons.notebookJSON(cells, "lessons/99-example.md", "solutions"));
    const text = (nb: NotebookCell[]) => nb.map((c) => c.source.join("")).join("\n");
    expect(text(student)).to.include("const answer = 0;").and.not.include("x + 1");
    expect(text(solutions)).to.include("const answer = x + 1;").and.not.include("const answer = 0;");
  });

  it("tags a ```ts raises cell raises-exception and writes no outputs", () => {
    const nb = cellsOf(lessons.notebookJSON(lessons.parseLesson(source), "l.md", "student"));
    const code = nb.filter((c) => c.cell_type === "code");
    expect(code[code.length - 1].metadata.tags).to.deep.equal(["raises-exception"]);
    for (const c of code) expect(c.outputs).to.deep.equal([]);
  });

  it("writes the project kernelspec into the notebook metadata", () => {
    const nb = JSON.parse(lessons.notebookJSON(lessons.parseLesson(source), "l.md", "student")) as {
      metadata: { kernelspec: { name: string; display_name: string; language: string } };
      nbformat: number;
    };
    expect(nb.metadata.kernelspec).to.deep.equal({
      display_name: "TypeScript (gradlab)",
      language: "typescript",
      name: "gradlab",
    });
    expect(nb.nbformat).to.equal(4);
  });

  it("builds the same bytes twice, and inserting a cell leaves the other cells' ids unchanged", () => {
    const a = lessons.notebookJSON(lessons.parseLesson(source), "l.md", "student");
    expect(lessons.notebookJSON(lessons.parseLesson(source), "l.md", "student")).to.equal(a);
    const edited = source.replace("Intro text.", "Intro text.\n\n```ts\nconst inserted = 2;\n```");
    const before = cellsOf(a).map((c) => c.id);
    const after = cellsOf(lessons.notebookJSON(lessons.parseLesson(edited), "l.md", "student")).map((c) => c.id);
    expect(after.length).to.equal(before.length + 1);
    expect(after.filter((id) => before.includes(id))).to.deep.equal(before);
  });

  it("marks exercise and solution cells with nbgrader metadata (schema 3); a cell that runs a check is graded, named after the exercise", () => {
    const src = [
      "```ts",
      "const shared = 1;",
      "```",
      "```ts exercise",
      'gl.exercises.backprop.check("gates", null);',
      "```",
      "```ts solution",
      'gl.exercises.backprop.check("gates", [-4, -4, 3]);',
      "```",
      "```ts exercise",
      "gl.exercises.convArithmetic.outputSize(0);",
      "```",
      "```ts exercise",
      "function myRelu(x: number): number { return x; }",
      "```",
    ].join("\n");
    const cells = lessons.parseLesson(src);
    const student = cellsOf(lessons.notebookJSON(cells, "l.md", "student")).filter((c) => c.cell_type === "code");
    expect(student[0].metadata.nbgrader).to.equal(undefined); // shared cells are not answers
    const graded = { grade: true, locked: false, points: 1, schema_version: 3, solution: true, task: false };
    expect(student[1].metadata.nbgrader).to.deep.equal({ ...graded, grade_id: "gates" });
    expect(student[2].metadata.nbgrader).to.deep.equal({ ...graded, grade_id: "outputSize" });
    expect(student[3].metadata.nbgrader).to.deep.equal({
      grade: false,
      grade_id: "answer-3",
      locked: false,
      schema_version: 3,
      solution: true,
      task: false,
    });
    const solutions = cellsOf(lessons.notebookJSON(cells, "l.md", "solutions")).filter((c) => c.cell_type === "code");
    expect(solutions[1].metadata.nbgrader).to.deep.equal({ ...graded, grade_id: "gates" });
  });

  it("names the file and line of a ```ts cell that is never closed", () => {
    expect(() => lessons.parseLesson("text\n\n```ts\nconst x = 1;\n", "lessons/99-x.md")).to.throw(
      /lessons\/99-x\.md:3: .*never closed/,
    );
  });
});

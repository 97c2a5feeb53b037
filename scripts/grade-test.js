/**
 * `npm run test:grade`: `npm run grade` on submissions made up for the test, from the released
 * notebooks of lesson 11 (notebooks/ and solutions/), and the rows it must write:
 *   alice/            every exercise answered right; her file shows 3 earlier checks of "alexnet"
 *   bob/week3/        two exercises right, the others still the starter answer (nested folder)
 *   carol/            all right, plus a cell that throws
 *   dave/             all right, but a cell loops forever after the second exercise
 *   erin/             a file named like the lesson that is not a notebook, and a notes.txt (ignored)
 * Prints `ok`/`FAIL` per check and exits 1 on any failure; `npm test` runs the same checks.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { ROOT, setup } = require("./setup");
const { grade, toCSV, toHTML } = require("./grade");

const LESSON = "11-conv-arithmetic";
const TIME_LIMIT = 90; // seconds per notebook: a loaded 2-core machine runs the lesson in ~35 s

const read = (rel) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), "utf8"));
let added = 0;
const code = (source, metadata = {}) => ({
  cell_type: "code",
  execution_count: null,
  id: `grade-test-${++added}`,
  metadata,
  outputs: [],
  source: [source],
});
const gradeId = (cell) => cell.metadata && cell.metadata.nbgrader && cell.metadata.nbgrader.grade_id;

/** Writes the submissions under dir; returns the lesson's exercise names (in order). */
function makeSubmissions(dir) {
  const student = read(`notebooks/${LESSON}.ipynb`);
  const solutions = read(`solutions/${LESSON}-solutions.ipynb`);
  const exercises = student.cells.filter((c) => c.metadata.nbgrader && c.metadata.nbgrader.grade).map(gradeId);
  // code exercises checked in a shared cell next to their section (not in an answer cell): their
  // checks run in every submission; the learner's function is right in the solutions only
  const src = (c) => (Array.isArray(c.source) ? c.source.join("") : c.source);
  const inline = [];
  const firstGraded = student.cells.findIndex((c) => gradeId(c) === exercises[0]);
  student.cells.forEach((c, i) => {
    if (c.cell_type !== "code" || (c.metadata.nbgrader && c.metadata.nbgrader.grade)) return;
    const m = /gl\.exercises\.\w+\.check\(\s*["'`](\w+)["'`]/.exec(src(c));
    if (!m) return;
    if (i > firstGraded)
      throw new Error(
        `grade test: the inline check of ${m[1]} comes after the graded exercises; update the expected rows`,
      );
    inline.push(m[1]);
  });
  const write = (rel, nb) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof nb === "string" ? nb : JSON.stringify(nb));
  };
  const copy = (nb) => JSON.parse(JSON.stringify(nb));
  // alice: the solutions, and the record of an earlier session's third check of "alexnet"
  const alice = copy(solutions);
  const alexnetCell = alice.cells.find((c) => gradeId(c) === exercises[1]);
  const earlier = { lesson: "convArithmetic", exercise: exercises[1], correct: true, message: "earlier", attempt: 3 };
  alexnetCell.outputs = [
    {
      output_type: "display_data",
      metadata: {},
      data: {
        "text/html": `<script type="application/json" class="gradlab-check">${JSON.stringify(earlier)}</script>`,
      },
    },
  ];
  write(`alice/${LESSON}.ipynb`, alice);
  // bob: the student notebook with the first two answers from the solutions
  const bob = copy(student);
  for (const name of exercises.slice(0, 2)) {
    const i = bob.cells.findIndex((c) => gradeId(c) === name);
    bob.cells[i] = copy(solutions.cells.find((c) => gradeId(c) === name));
  }
  write(`bob/week3/${LESSON}.ipynb`, bob);
  // carol: right answers, and a cell that throws before the third exercise
  const carol = copy(solutions);
  carol.cells.splice(
    carol.cells.findIndex((c) => gradeId(c) === exercises[2]),
    0,
    code('throw new Error("carol was here");'),
  );
  write(`carol/${LESSON}.ipynb`, carol);
  // dave: a cell that never ends after the second exercise
  const dave = copy(solutions);
  dave.cells.splice(dave.cells.findIndex((c) => gradeId(c) === exercises[1]) + 1, 0, code("while (true) {}"));
  write(`dave/${LESSON}.ipynb`, dave);
  // erin: not a notebook
  write(`erin/${LESSON}.ipynb`, "my answers are: 55, 27, 1\n");
  write("erin/notes.txt", "not graded\n");
  return { exercises, inline };
}

/** Every check: { name, ok, error }. */
function checkGrades(rows, html, { exercises, inline }) {
  const results = [];
  const add = (name, ok, error) => results.push({ name, ok: Boolean(ok), error: ok ? null : error });
  const key = (r) => `${r.student},${r.lesson},${r.exercise},${r.correct},${r.attempts}`;
  const got = rows.map(key);
  const want = [];
  const row = (student, exercise, correct, attempts = 0) =>
    want.push(`${student},${LESSON},${exercise},${correct},${exercise === "(notebook)" ? "" : attempts}`);
  // inline checks (before the graded exercises) run in every notebook: right with the solutions' code
  for (const [i, e] of exercises.entries()) row("alice", e, true, i === 1 ? 3 : 0);
  for (const e of inline) row("alice", e, true);
  for (const [i, e] of exercises.entries()) row("bob", e, i < 2);
  for (const e of inline) row("bob", e, false);
  row("carol", "(notebook)", false);
  for (const e of exercises) row("carol", e, true);
  for (const e of inline) row("carol", e, true);
  row("dave", "(notebook)", false);
  for (const [i, e] of exercises.entries()) row("dave", e, i < 2);
  for (const e of inline) row("dave", e, true);
  row("erin", "(notebook)", false);
  add(
    `grades.csv has the ${want.length} expected rows (student, lesson, exercise, correct, attempts)`,
    JSON.stringify(got) === JSON.stringify(want),
    `want:\n${want.join("\n")}\ngot:\n${got.join("\n")}`,
  );
  const msg = (student, exercise) =>
    (rows.find((r) => r.student === student && r.exercise === exercise) || { message: "<no row>" }).message;
  add(
    "a right answer's message comes from the checker (✓ text, not the earlier session's)",
    msg("alice", exercises[1]) !== "earlier" && msg("alice", exercises[1]).length > 0,
    msg("alice", exercises[1]),
  );
  add(
    "a wrong answer's row carries the checker's feedback",
    msg("bob", exercises[2]).length > 10 && !/not checked|not graded/.test(msg("bob", exercises[2])),
    msg("bob", exercises[2]),
  );
  add(
    "the raising notebook's row names the error, and the exercises after it are still graded",
    /raised an error/.test(msg("carol", "(notebook)")) && /carol was here/.test(msg("carol", "(notebook)")),
    msg("carol", "(notebook)"),
  );
  add(
    "the hanging notebook's row says it hit the time limit and which cell was running",
    /time limit/.test(msg("dave", "(notebook)")) && /while \(true\)/.test(msg("dave", "(notebook)")),
    msg("dave", "(notebook)"),
  );
  add(
    "exercises after the hang say they were not graded",
    /time limit/.test(msg("dave", exercises[4])),
    msg("dave", exercises[4]),
  );
  add(
    "the file that is not a notebook gets a row saying so",
    /not a notebook/.test(msg("erin", "(notebook)")),
    msg("erin", "(notebook)"),
  );
  // summary.html: exercise 3 (tfSame) right for alice and carol, of 4 students with the lesson;
  // the most common mistake is bob's (dave's "not graded" is not a mistake)
  const third = new RegExp(
    `<td>${LESSON}</td><td>${exercises[2]}</td><td><span class="n">2</span></td><td><span class="n">4</span></td><td>([^<]+)`,
  );
  const m = third.exec(html);
  const escaped = msg("bob", exercises[2])
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  add(
    "summary.html: per exercise, how many got it right, of how many, and the most common mistake (bob's, named by the checker)",
    m && m[1].trim().startsWith(escaped),
    m ? `mistake cell: ${m[1]}` : `no row for ${exercises[2]} with 2 of 4 in summary.html`,
  );
  add(
    "summary.html lists the three notebooks that could not be graded in full, and the ignored file",
    /could not be graded in full \(3\)/.test(html) && html.includes("erin/notes.txt"),
    "see build/grade-test/out/summary.html",
  );
  return results;
}

/** Makes the submissions, grades them, checks the rows. @returns {{ name, ok, error }[]} */
function runGradeTest() {
  const dir = path.join(ROOT, "build", "grade-test");
  fs.rmSync(dir, { recursive: true, force: true });
  const submissions = path.join(dir, "submitted");
  const out = path.join(dir, "out");
  fs.mkdirSync(out, { recursive: true });
  const made = makeSubmissions(submissions);
  const { exercises } = made;
  if (exercises.length < 5)
    return [{ name: `${LESSON} has graded exercise cells`, ok: false, error: `found ${exercises.length}` }];
  const t0 = Date.now();
  const result = grade(submissions, { out, timeLimit: TIME_LIMIT });
  const html = toHTML(result, submissions);
  fs.writeFileSync(path.join(out, "grades.csv"), toCSV(result.rows));
  fs.writeFileSync(path.join(out, "summary.html"), html);
  console.log(`  graded ${result.notebooks.length} submissions in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return checkGrades(result.rows, html, made);
}

module.exports = { runGradeTest };

if (require.main === module) {
  try {
    setup({});
  } catch (err) {
    console.error(`\nsetup failed: ${err.message}`);
    process.exit(1);
  }
  const results = runGradeTest();
  for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : `\n       ${r.error}`}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed; files in build/grade-test/`);
  process.exit(failed ? 1 : 0);
}

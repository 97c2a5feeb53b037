/**
 * `npm run grade -- <folder of submitted notebooks> [--out DIR] [--time-limit S]`
 *
 * Grades submissions without a hub: each `<root>/<student>/…/<lesson>.ipynb` runs top to bottom in
 * a fresh gradlab kernel (every cell, even after an error; killed at the time limit, default 300 s
 * per notebook). Every `gl.exercises…check(…)` leaves a machine-readable record in its output
 * (src/exercises/result.ts: `<script type="application/json" class="gradlab-check">` in the HTML
 * output, with lesson, exercise, correct, message, attempt), so:
 *   correct, message  come from the fresh run (what the submitted code does now);
 *   attempts          from the submitted file (how often the student checked, in their session).
 * The exercises a lesson has come from the released notebook (notebooks/<lesson>.ipynb, cells with
 * nbgrader metadata), so an exercise a student deleted still gets its row.
 * Writes to --out (default grades/):
 *   grades.csv    student, lesson, exercise, correct, attempts, message — one row per student ×
 *                 lesson × exercise, plus a row with exercise "(notebook)" for a notebook that
 *                 raised, hit the time limit or is not a notebook at all;
 *   summary.html  one page: per exercise how many got it right and the most common mistake;
 *   executed/     the executed notebooks, same layout as the submissions.
 * The submissions are code: run this as an unprivileged user (or in the course image), never as
 * the hub's admin. Exit status 0 when every notebook could be graded, 1 when one could not
 * (its row says why), 2 on bad arguments.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { setupOrExit, ROOT } = require("./setup");
const { executeNotebooks } = require("./notebook");

const NOTEBOOK_ROW = "(notebook)";
const TSLAB_INTERNAL = /Unexpected pending rebuildTimer|rebuildTimer is not set properly/;

/** Every file under root (recursively, skipping .ipynb_checkpoints and dot folders), repo-relative to root. */
function walk(root, rel = "") {
  const out = [];
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...walk(root, p));
    else out.push(p);
  }
  return out.sort();
}

const RECORD_SCRIPT = /<script type="application\/json" class="gradlab-check">([\s\S]*?)<\/script>/g;

/** The check records in a notebook's outputs, in cell order. Accepts a parsed notebook. */
function checkRecords(nb) {
  const records = [];
  const add = (value) => {
    if (value && typeof value.exercise === "string" && typeof value.correct === "boolean") records.push(value);
  };
  for (const cell of Array.isArray(nb.cells) ? nb.cells : []) {
    for (const out of cell.outputs || []) {
      const data = out.data || {};
      const html = Array.isArray(data["text/html"]) ? data["text/html"].join("") : data["text/html"] || "";
      for (const m of html.matchAll(RECORD_SCRIPT)) add(safeJSON(m[1]));
    }
  }
  return records;
}

function safeJSON(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The exercises of a lesson, from the released notebook's nbgrader cell metadata ([] when unknown). */
function lessonExercises(lesson) {
  const file = path.join(ROOT, "notebooks", `${lesson}.ipynb`);
  if (!fs.existsSync(file)) return [];
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const names = [];
  for (const cell of nb.cells) {
    const g = cell.metadata && cell.metadata.nbgrader;
    if (g && g.grade && g.grade_id) names.push(g.grade_id);
  }
  return names;
}

/** Attempts per exercise in the submitted file: the highest attempt number its records show. */
function attemptsOf(records) {
  const attempts = new Map();
  for (const r of records) {
    const n = Number.isInteger(r.attempt) ? r.attempt : (attempts.get(r.exercise) ?? 0) + 1;
    attempts.set(r.exercise, Math.max(attempts.get(r.exercise) ?? 0, n));
  }
  return attempts;
}

/** The first line of an error report, short enough for a CSV cell. */
function oneLine(text, max = 300) {
  const line = String(text || "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join(" | ");
  return line.length > max ? line.slice(0, max - 1) + "…" : line;
}

const WHAT = {
  error: "a cell raised an error (the cells after it still ran)",
  timeout: "stopped at the time limit",
  unreadable: "not a notebook",
};

/**
 * Grades every notebook under root.
 * @param {string} root folder of submissions: <root>/<student>/…/<lesson>.ipynb
 * @param {{ out: string, timeLimit?: number }} opts
 * @returns {{ rows: object[], notebooks: object[], ignored: string[] }}
 */
function grade(root, opts) {
  const files = walk(root);
  const submissions = files.filter((f) => f.endsWith(".ipynb"));
  const ignored = files.filter((f) => !f.endsWith(".ipynb"));
  const executedDir = path.join(opts.out, "executed");
  fs.rmSync(executedDir, { recursive: true, force: true });
  const run = (files) =>
    executeNotebooks(
      files.map((f) => path.join(root, f)),
      {
        saveDir: executedDir,
        relativeTo: root,
        notebookTimeout: opts.timeLimit ?? 300,
        keepGoing: true,
        cwd: path.join(ROOT, "notebooks"), // where `import * as gl from "gradlab"` resolves
        stdout: "stderr",
      },
    );
  const results = run(submissions);
  // tslab's compiler now and then fails a cell with its own internal error (a race of its file
  // watcher's timer, seen on a loaded machine), not the student's: such a notebook runs once more
  const flaky = submissions.filter((f, i) => TSLAB_INTERNAL.test(results[i].error || ""));
  if (flaky.length) {
    console.error(`grade: tslab failed internally in ${flaky.join(", ")}: running again`);
    const again = run(flaky);
    flaky.forEach((f, j) => (results[submissions.indexOf(f)] = again[j]));
  }
  const rows = [];
  const notebooks = [];
  submissions.forEach((rel, i) => {
    const r = results[i];
    const parts = rel.split("/");
    const student = parts.length > 1 ? parts[0] : "";
    const lesson = path.basename(rel, ".ipynb");
    notebooks.push({ student, lesson, file: rel, status: r.status, seconds: r.seconds, error: r.error });
    const problem = (message) =>
      rows.push({ student, lesson, exercise: NOTEBOOK_ROW, correct: false, attempts: "", message });
    if (!student) problem(`${rel} is not inside a student folder (<root>/<student>/…/<lesson>.ipynb)`);
    if (r.status === "unreadable") {
      problem(`${WHAT.unreadable}: ${oneLine(r.error)}`);
      return;
    }
    if (r.status !== "ok") problem(`${WHAT[r.status] || r.status}: ${oneLine(r.error)}`);
    const submitted = safeJSON(fs.readFileSync(path.join(root, rel), "utf8")) || { cells: [] };
    const attempts = attemptsOf(checkRecords(submitted));
    const executedFile = path.join(executedDir, rel);
    const executed = fs.existsSync(executedFile) ? JSON.parse(fs.readFileSync(executedFile, "utf8")) : { cells: [] };
    const last = new Map();
    for (const rec of checkRecords(executed)) last.set(rec.exercise, rec);
    const names = lessonExercises(lesson);
    for (const name of last.keys()) if (!names.includes(name)) names.push(name);
    for (const name of names) {
      const rec = last.get(name);
      rows.push({
        student,
        lesson,
        exercise: name,
        graded: Boolean(rec), // a check ran (not in the CSV: the message says it)
        mistake: rec && rec.mistake ? rec.mistake : null, // the known mistake the checker recognised, if any
        correct: rec ? rec.correct === true : false,
        attempts: attempts.get(name) ?? 0,
        message: rec
          ? rec.message
          : r.status === "timeout"
            ? "not graded: the notebook hit its time limit before this check ran"
            : "not checked: no check of this exercise ran (cell deleted, or an error before it)",
      });
    }
  });
  return { rows, notebooks, ignored };
}

function csvCell(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = ["student", "lesson", "exercise", "correct", "attempts", "message"];

function toCSV(rows) {
  return [CSV_COLUMNS.join(","), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n";
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** Per exercise: students graded, how many right, and the most common wrong-answer message. */
function perExercise(rows) {
  const groups = new Map();
  for (const r of rows.filter((x) => x.exercise !== NOTEBOOK_ROW)) {
    const key = `${r.lesson}\u0000${r.exercise}`;
    if (!groups.has(key))
      groups.set(key, { lesson: r.lesson, exercise: r.exercise, students: 0, right: 0, mistakes: new Map() });
    const g = groups.get(key);
    g.students++;
    if (r.correct) g.right++;
    else if (r.graded) {
      // one known mistake (by its code) counts once however the answers differ; else the message
      const key = r.mistake && r.mistake.code ? `code:${r.mistake.code}` : `msg:${r.message}`;
      const text = r.mistake && r.mistake.code ? `${r.mistake.message} [${r.mistake.code}]` : r.message;
      const m = g.mistakes.get(key) ?? { text, count: 0 };
      m.count++;
      g.mistakes.set(key, m);
    }
  }
  return [...groups.values()].map((g) => {
    const top = [...g.mistakes.values()].sort((a, b) => b.count - a.count)[0];
    return { ...g, commonMistake: top ? top.text : "", commonMistakeCount: top ? top.count : 0 };
  });
}

function toHTML({ rows, notebooks, ignored }, root) {
  const stats = perExercise(rows);
  const students = new Set(notebooks.map((n) => n.student)).size;
  const problems = notebooks.filter((n) => n.status !== "ok");
  const tr = (cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`;
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>gradlab grades</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}th{background:#f4f4f4}.n{text-align:right}</style>
</head><body>
<h1>gradlab grades</h1>
<p>${esc(notebooks.length)} notebook(s) from ${esc(students)} student(s) in <code>${esc(root)}</code>, graded ${esc(new Date().toISOString().slice(0, 16).replace("T", " "))} UTC. Rows: <code>grades.csv</code>.</p>
<h2>Per exercise</h2>
<table><tr><th>lesson</th><th>exercise</th><th class="n">right</th><th class="n">of</th><th>most common mistake (what the checker said)</th></tr>
${stats
  .map((s) =>
    tr([
      esc(s.lesson),
      esc(s.exercise),
      `<span class="n">${s.right}</span>`,
      `<span class="n">${s.students}</span>`,
      s.commonMistake ? `${esc(s.commonMistake)} <em>(${s.commonMistakeCount}×)</em>` : "—",
    ]),
  )
  .join("\n")}
</table>
<h2>Notebooks that could not be graded in full (${problems.length})</h2>
${
  problems.length
    ? `<table><tr><th>student</th><th>file</th><th>what happened</th></tr>\n${problems
        .map((n) => tr([esc(n.student), esc(n.file), esc(`${WHAT[n.status] || n.status}: ${oneLine(n.error, 500)}`)]))
        .join("\n")}</table>`
    : "<p>None.</p>"
}
${ignored.length ? `<p>Ignored (not <code>.ipynb</code>): ${ignored.map((f) => `<code>${esc(f)}</code>`).join(", ")}</p>` : ""}
</body></html>
`;
}

function main(argv) {
  let root = null;
  let out = path.resolve("grades");
  let timeLimit = 300;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") out = path.resolve(argv[++i]);
    else if (argv[i] === "--time-limit") timeLimit = Number(argv[++i]);
    else if (!root) root = path.resolve(argv[i]);
    else {
      console.error(`grade: unexpected argument ${argv[i]}`);
      process.exit(2);
    }
  }
  if (!root || !fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    console.error(
      `usage: npm run grade -- <folder of submissions: <folder>/<student>/…/<lesson>.ipynb> [--out DIR] [--time-limit SECONDS]` +
        (root ? `\n(${root} is not a folder)` : ""),
    );
    process.exit(2);
  }
  if (!(timeLimit > 0)) {
    console.error(`grade: --time-limit wants seconds > 0, got ${timeLimit}`);
    process.exit(2);
  }
  setupOrExit({});
  fs.mkdirSync(out, { recursive: true });
  const result = grade(root, { out, timeLimit });
  fs.writeFileSync(path.join(out, "grades.csv"), toCSV(result.rows));
  fs.writeFileSync(path.join(out, "summary.html"), toHTML(result, root));
  const bad = result.notebooks.filter((n) => n.status !== "ok");
  const right = result.rows.filter((r) => r.exercise !== NOTEBOOK_ROW && r.correct).length;
  const total = result.rows.filter((r) => r.exercise !== NOTEBOOK_ROW).length;
  console.log(
    `grade: ${result.notebooks.length} notebook(s), ${right} of ${total} exercise rows correct, ${bad.length} notebook(s) with a problem; wrote ${path.join(out, "grades.csv")} and summary.html`,
  );
  process.exit(bad.length ? 1 : 0);
}

module.exports = { grade, toCSV, toHTML, checkRecords, perExercise, CSV_COLUMNS };

if (require.main === module) main(process.argv.slice(2));

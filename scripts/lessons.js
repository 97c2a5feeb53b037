/**
 * Builds notebooks from the plain-text lesson sources (format: lessons/README.md).
 *   lessons/NN-topic.md  ->  notebooks/NN-topic.ipynb              (student: no solutions)
 *                        ->  solutions/NN-topic-solutions.ipynb    (instructor: only if the lesson has solutions)
 *   npm run build:notebooks            write them
 *   node scripts/lessons.js --check    fail when a committed notebook differs from what its source builds
 * Output is deterministic: cell ids are hashes of the cell content, keys are sorted, JSON is
 * indented like Jupyter's own files, there are no outputs, so rebuilding changes nothing.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const crypto = require("crypto");

const ROOT = path.resolve(__dirname, "..");
const LESSONS = path.join(ROOT, "lessons");
const NOTEBOOKS = path.join(ROOT, "notebooks");
const SOLUTIONS = path.join(ROOT, "solutions");
const LESSON_FILE = /^(\d\d)-[a-z0-9-]+\.md$/;
const CELL_FENCE = /^```ts(?:\s+(exercise|solution|raises))?\s*$/;
const SPLIT = /^<!--\s*cell\s*-->\s*$/;
/** A first line `<!-- draft -->` keeps a lesson out of the build until it is ready. */
const DRAFT = /^<!--\s*draft\s*-->/;

/** A fence that is not a cell: "```text", "````md" ... (kept inside markdown). */
const OTHER_FENCE = /^(`{3,}|~{3,})/;

/**
 * Parses a lesson source into cells.
 * @returns {{ type: "markdown" | "code", role: "both" | "exercise" | "solution", raises: boolean, source: string, line: number }[]}
 */
function parseLesson(text, file = "lesson") {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const cells = [];
  let markdown = [];
  let markdownStart = 1;
  const flushMarkdown = () => {
    while (markdown.length && markdown[0].trim() === "") {
      markdown.shift();
      markdownStart++;
    }
    while (markdown.length && markdown[markdown.length - 1].trim() === "") markdown.pop();
    if (markdown.length)
      cells.push({ type: "markdown", role: "both", raises: false, source: markdown.join("\n"), line: markdownStart });
    markdown = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cell = CELL_FENCE.exec(line);
    if (cell) {
      flushMarkdown();
      const start = i + 1;
      const body = [];
      i++;
      while (i < lines.length && lines[i] !== "```") body.push(lines[i++]);
      if (i >= lines.length)
        throw new Error(
          `${file}:${start}: the \`\`\`ts cell opened here is never closed (a line with exactly \`\`\` ends it)`,
        );
      const source = body.join("\n").replace(/\s+$/, "");
      if (!source.trim()) throw new Error(`${file}:${start}: empty code cell`);
      const kind = cell[1];
      cells.push({
        type: "code",
        role: kind === "exercise" || kind === "solution" ? kind : "both",
        raises: kind === "raises",
        source,
        line: start,
      });
      markdownStart = i + 2;
      continue;
    }
    if (SPLIT.test(line)) {
      flushMarkdown();
      markdownStart = i + 2;
      continue;
    }
    const other = OTHER_FENCE.exec(line);
    if (other) {
      // Copy a non-cell fenced block verbatim, up to its closing fence.
      if (markdown.length === 0) markdownStart = i + 1;
      markdown.push(line);
      const close = other[1];
      i++;
      // CommonMark: the closing fence uses the same character, at least as many, and no info string.
      const closes = (l) => /^(`{3,}|~{3,})\s*$/.test(l) && l[0] === close[0] && l.trim().length >= close.length;
      while (i < lines.length && !closes(lines[i])) markdown.push(lines[i++]);
      if (i < lines.length) markdown.push(lines[i]);
      continue;
    }
    if (markdown.length === 0 && line.trim() !== "") markdownStart = i + 1;
    markdown.push(line);
  }
  flushMarkdown();
  return cells;
}

/** Jupyter stores multi-line strings as a list of lines, each keeping its "\n". */
function splitSource(source) {
  const parts = source.split("\n");
  return parts.map((p, i) => (i < parts.length - 1 ? p + "\n" : p)).filter((p) => p !== "");
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
    return out;
  }
  return value;
}

/** A check call in a cell: `gl.exercises.<lesson>.check("<name>", …)` or `gl.exercises.<lesson>.<name>(…)`. */
const CHECK_CALL = /gl\.exercises\.(\w+)\.(?:check\(\s*["'`](\w+)["'`]|(?!check\b|list\b|hint\b)(\w+)\()/;

/**
 * nbgrader-style metadata (schema 3) for an exercise or solution cell, so a hub running nbgrader
 * can use the notebooks: a cell that runs a check is a graded answer cell (grade_id = the
 * exercise's name, 1 point); other answer cells are ungraded solution cells. `npm run grade`
 * reads the grade_ids to know a lesson's exercises.
 */
function nbgraderMetadata(cell, ordinal) {
  const m = CHECK_CALL.exec(cell.source);
  const base = { locked: false, schema_version: 3, solution: true, task: false };
  if (m) return { ...base, grade: true, grade_id: m[2] || m[3], points: 1 };
  return { ...base, grade: false, grade_id: `answer-${ordinal}` };
}

/** nbformat-4.5 notebook JSON for the cells of one role ("student" or "solutions"). */
function notebookJSON(cells, sourceRel, audience) {
  const keep = cells.filter(
    (c) => c.role === "both" || (audience === "student" ? c.role === "exercise" : c.role === "solution"),
  );
  const used = new Map();
  let answers = 0;
  const nbCells = keep.map((c) => {
    let id = crypto.createHash("sha256").update(`${c.type}\n${c.source}`).digest("hex").slice(0, 12);
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    if (n > 1) id = `${id}-${n}`;
    if (c.type === "markdown") return { cell_type: "markdown", id, metadata: {}, source: splitSource(c.source) };
    const metadata = c.raises ? { tags: ["raises-exception"] } : {};
    if (c.role !== "both") metadata.nbgrader = nbgraderMetadata(c, ++answers);
    return {
      cell_type: "code",
      execution_count: null,
      id,
      metadata,
      outputs: [],
      source: splitSource(c.source),
    };
  });
  const nb = {
    cells: nbCells,
    metadata: {
      gradlab: {
        audience,
        generated: "Do not edit: this notebook is built from its lesson source by `npm run build:notebooks`.",
        source: sourceRel,
      },
      kernelspec: { display_name: "TypeScript (gradlab)", language: "typescript", name: "gradlab" },
      language_info: {
        codemirror_mode: { mode: "typescript" },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
      },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(sortKeys(nb), null, 1) + "\n";
}

/**
 * Everything the lessons build: { file (repo-relative), content } for each output notebook.
 * Throws with file:line on a malformed source.
 */
function buildAll() {
  const outputs = [];
  const files = fs.existsSync(LESSONS)
    ? fs
        .readdirSync(LESSONS)
        .filter((f) => LESSON_FILE.test(f))
        .sort()
    : [];
  for (const f of files) {
    const rel = `lessons/${f}`;
    const text = fs.readFileSync(path.join(LESSONS, f), "utf8");
    if (DRAFT.test(text)) continue; // not built, not checked, not executed until the marker goes
    const cells = parseLesson(text, rel);
    const stem = f.replace(/\.md$/, "");
    outputs.push({ file: `notebooks/${stem}.ipynb`, source: rel, content: notebookJSON(cells, rel, "student") });
    if (cells.some((c) => c.role === "solution")) {
      outputs.push({
        file: `solutions/${stem}-solutions.ipynb`,
        source: rel,
        content: notebookJSON(cells, rel, "solutions"),
      });
    }
  }
  return outputs;
}

/** Generated notebooks (metadata.gradlab.source) whose lesson no longer builds them. */
function staleNotebooks(outputs) {
  const built = new Set(outputs.map((o) => o.file));
  const stale = [];
  for (const [dir, rel] of [
    [NOTEBOOKS, "notebooks"],
    [SOLUTIONS, "solutions"],
  ]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(".ipynb"))) {
      const file = `${rel}/${f}`;
      if (built.has(file)) continue;
      try {
        const meta = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")).metadata || {};
        if (meta.gradlab && meta.gradlab.source) stale.push(file);
      } catch {
        // not JSON: not ours to judge here (executing it will fail loudly)
      }
    }
  }
  return stale;
}

/** Writes every notebook that differs; deletes generated notebooks whose lesson is gone. */
function write() {
  const outputs = buildAll();
  for (const o of outputs) {
    const abs = path.join(ROOT, o.file);
    const old = fs.existsSync(abs) ? fs.readFileSync(abs, "utf8") : null;
    if (old === o.content) {
      console.log(`  ${o.file} unchanged`);
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, o.content);
    console.log(`  ${o.file} ${old === null ? "written" : "updated"} from ${o.source}`);
  }
  for (const file of staleNotebooks(outputs)) {
    fs.rmSync(path.join(ROOT, file));
    console.log(`  ${file} removed (its lesson source is gone)`);
  }
}

/** Every relative link to a notebook in a lesson's Markdown must point to a notebook that exists. */
function checkLinks(outputs) {
  const built = new Set(outputs.map((o) => o.file));
  const results = [];
  for (const o of outputs.filter((out) => out.file.startsWith("notebooks/"))) {
    const nb = JSON.parse(o.content);
    const broken = [];
    for (const cell of nb.cells.filter((c) => c.cell_type === "markdown")) {
      for (const m of cell.source.join("").matchAll(/\]\(([^)\s#]+\.ipynb)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/i.test(m[1])) continue; // http: and other absolute URLs
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(o.file), m[1]));
        if (!built.has(target) && !fs.existsSync(path.join(ROOT, target))) broken.push(m[1]);
      }
    }
    results.push({
      name: `${o.file}: links to notebooks resolve`,
      ok: broken.length === 0,
      error: broken.length
        ? `${o.source} links to ${broken.join(", ")}, which do not exist (yet): link a lesson only once it lands`
        : null,
    });
  }
  return results;
}

/**
 * Compares committed notebooks with what their sources build.
 * @returns {{ name: string, ok: boolean, error: string | null }[]} one result per output notebook
 */
function check() {
  let outputs;
  try {
    outputs = buildAll();
  } catch (err) {
    return [{ name: "lesson sources parse", ok: false, error: err.message }];
  }
  const results = outputs.map((o) => {
    const abs = path.join(ROOT, o.file);
    const name = `${o.file} is up to date with ${o.source}`;
    if (!fs.existsSync(abs))
      return { name, ok: false, error: `${o.file} is missing: run \`npm run build:notebooks\` and commit it` };
    if (fs.readFileSync(abs, "utf8") !== o.content) {
      return {
        name,
        ok: false,
        error: `${o.file} differs from what ${o.source} builds (edited by hand, or not rebuilt): run \`npm run build:notebooks\` and commit the result`,
      };
    }
    return { name, ok: true, error: null };
  });
  results.push(...checkLinks(outputs));
  for (const file of staleNotebooks(outputs)) {
    results.push({
      name: `${file} has a lesson source`,
      ok: false,
      error: `${file} was generated from a lesson that no longer exists: run \`npm run build:notebooks\` (it removes it)`,
    });
  }
  return results;
}

/** Lesson sources marked `<!-- draft -->` (repo-relative). */
function drafts() {
  if (!fs.existsSync(LESSONS)) return [];
  return fs
    .readdirSync(LESSONS)
    .filter((f) => LESSON_FILE.test(f) && DRAFT.test(fs.readFileSync(path.join(LESSONS, f), "utf8")))
    .map((f) => `lessons/${f}`);
}

module.exports = { parseLesson, notebookJSON, buildAll, check, write, drafts };

if (require.main === module) {
  try {
    if (process.argv.includes("--check")) {
      const results = check();
      for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : `\n       ${r.error}`}`);
      process.exit(results.every((r) => r.ok) ? 0 : 1);
    } else {
      write();
    }
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

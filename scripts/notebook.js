/**
 * Executes notebooks on the project kernel "TypeScript (gradlab)", top to bottom, and fails
 * naming the cell and the error.
 *   npm run notebook -- notebooks/00-welcome.ipynb [more.ipynb ...]
 *   npm run notebook -- --all                 every notebook in notebooks/
 *   options: --save-dir DIR   keep the executed copies (with outputs) in DIR
 *            --html DIR       also write self-contained HTML pages to DIR (jupyter nbconvert --to html)
 * The committed notebooks are never modified. Setup (dependencies, build, kernel) runs first.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { setupOrExit, ROOT, KERNEL_NAME, jupyterPython, jupyterEnv } = require("./setup");
const { typesetPage } = require("./site-math");

/** The student notebooks: notebooks/*.ipynb, sorted. */
function allNotebooks() {
  const dir = path.join(ROOT, "notebooks");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join("notebooks", f));
}

/** The instructor notebooks: solutions/*.ipynb, sorted. */
function solutionNotebooks() {
  const dir = path.join(ROOT, "solutions");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join("solutions", f));
}

/**
 * Executes each notebook in a fresh kernel (one after the other: 2-core machines).
 * opts: timeout (seconds per cell, default 300: the capstone trains in one cell, minutes on a loaded machine), saveDir, stdout ("inherit", default, or "stderr":
 * the runner's lines go to stderr, e.g. when stdout carries JSON); for grading: notebookTimeout
 * (wall seconds per notebook, the kernel is killed), keepGoing (run every cell after an error),
 * cwd (every kernel's working directory), relativeTo (saveDir keeps paths relative to it).
 * status: "ok", "error", "timeout" or "unreadable" (not a notebook).
 * @returns {{ notebook: string, ok: boolean, status: string, seconds: number, error: string | null }[]}
 */
function executeNotebooks(files, opts = {}) {
  if (files.length === 0) return [];
  const args = [
    path.join(__dirname, "execute_notebooks.py"),
    "--kernel",
    KERNEL_NAME,
    "--timeout",
    String(opts.timeout ?? 300),
  ];
  if (opts.saveDir) args.push("--save-dir", opts.saveDir);
  if (opts.notebookTimeout) args.push("--notebook-timeout", String(opts.notebookTimeout));
  if (opts.keepGoing) args.push("--keep-going");
  if (opts.cwd) args.push("--cwd", opts.cwd);
  if (opts.relativeTo) args.push("--relative-to", opts.relativeTo);
  const resultsFile = path.join(os.tmpdir(), `gradlab-nb-results-${process.pid}-${Date.now()}.json`);
  args.push("--results", resultsFile);
  // Output goes straight to the terminal, so each notebook's line shows as soon as it finishes.
  const r = spawnSync(jupyterPython(), [...args, ...files], {
    cwd: ROOT,
    env: jupyterEnv(),
    stdio: ["ignore", opts.stdout === "stderr" ? 2 : "inherit", "inherit"],
  });
  let results = null;
  if (fs.existsSync(resultsFile)) {
    results = JSON.parse(fs.readFileSync(resultsFile, "utf8"));
    fs.rmSync(resultsFile, { force: true });
  } else {
    const why = r.error ? r.error.message : `exit ${r.status ?? r.signal}`;
    results = files.map((f) => ({
      notebook: f,
      ok: false,
      status: "error",
      seconds: 0,
      error: `the notebook runner did not finish (${why})`,
    }));
  }
  return results;
}

/**
 * Converts executed notebooks to self-contained HTML (`jupyter nbconvert --to html`); the plotly
 * bundle is inside the outputs, so figures render offline, and formulas are typeset into the page
 * (scripts/site-math.js), so they read offline on any machine.
 * @returns {{ notebook: string, ok: boolean, html: string | null }[]}
 */
function toHTML(executedFiles, htmlDir) {
  fs.mkdirSync(htmlDir, { recursive: true });
  return executedFiles.map((file) => {
    const args = ["-m", "nbconvert", "--to", "html", "--output-dir", htmlDir, file];
    const r = spawnSync(jupyterPython(), args, { cwd: ROOT, env: jupyterEnv(), encoding: "utf8" });
    const html = path.join(htmlDir, path.basename(file).replace(/\.ipynb$/, ".html"));
    if (r.status !== 0 || !fs.existsSync(html)) {
      console.log(`nbconvert failed for ${file}:\n${(r.stderr || "").trim().split("\n").slice(-8).join("\n")}`);
      return { notebook: file, ok: false, html: null };
    }
    // formulas typeset into the page (KaTeX), no reference to this machine's MathJax/require.js
    const math = typesetPage(html);
    for (const e of math.errors) console.log(`  ${path.basename(html)}: KaTeX cannot typeset ${JSON.stringify(e)}`);
    console.log(
      `  wrote ${path.relative(ROOT, html)} (${(fs.statSync(html).size / 1e6).toFixed(1)} MB, ${math.formulas} formula(s) typeset)`,
    );
    return { notebook: file, ok: math.errors.length === 0, html };
  });
}

function main(argv) {
  const files = [];
  let saveDir = null;
  let htmlDir = null;
  let all = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--save-dir") saveDir = path.resolve(argv[++i]);
    else if (argv[i] === "--html") htmlDir = path.resolve(argv[++i]);
    else if (argv[i] === "--all") all = true;
    else files.push(argv[i]);
  }
  if (all) files.push(...allNotebooks());
  if (files.length === 0) {
    console.error(
      "usage: npm run notebook -- notebooks/NN-topic.ipynb [...]   (or --all; options --save-dir DIR, --html DIR)",
    );
    process.exit(2);
  }
  for (const f of files) {
    if (!fs.existsSync(f)) {
      console.error(`no such notebook: ${f} (paths are relative to the repo root, e.g. notebooks/00-welcome.ipynb)`);
      process.exit(2);
    }
  }
  setupOrExit({});
  if (htmlDir && !saveDir) saveDir = path.join(ROOT, "build", "executed");
  const results = executeNotebooks(
    files.map((f) => path.relative(ROOT, path.resolve(f))),
    { saveDir },
  );
  let failed = results.filter((r) => !r.ok).length;
  if (htmlDir) {
    const executed = results.filter((r) => r.ok).map((r) => path.join(saveDir, path.basename(r.notebook)));
    failed += toHTML(executed, htmlDir).filter((r) => !r.ok).length;
  }
  console.log(
    `${results.length - results.filter((r) => !r.ok).length} of ${results.length} notebook(s) ran without errors`,
  );
  process.exit(failed ? 1 : 0);
}

module.exports = { allNotebooks, solutionNotebooks, executeNotebooks, toHTML };

if (require.main === module) main(process.argv.slice(2));

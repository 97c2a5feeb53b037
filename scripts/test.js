/**
 * `npm test`: everything that must hold before a change lands, in order, with timings:
 *   setup (dependencies, build, kernel, chromium, xvfb) -> type-check (tsc strict, src + test)
 *   -> lint (eslint + prettier --check) -> unit tests (mocha; under xvfb-run when present, so the
 *   headless-gl backend is tested) -> committed notebooks up to date with lessons/ -> execute every
 *   notebook (notebooks/ and solutions/) on the project kernel -> the executed 00-welcome (and every
 *   notebook with figures) as nbconvert HTML (formulas typeset by KaTeX) served to headless chromium:
 *   every figure rendered, no JS errors, every formula typeset, and each figure screenshotted at
 *   1366×768 and audited (test/notebooks/figureAudit.ts) -> executed 00-welcome and 11 through
 *   JupyterLab 4's output renderers (trusted: drawn, sliders move; untrusted: the placeholder says
 *   what to do) -> the same in the Notebook 6 UI (run all cells, save, reload) -> `npm start` serves (Jupyter answers with the token it printed)
 *   -> `npm run grade` on made-up submissions (scripts/grade-test.js) -> a real JupyterHub with 3
 *   students (scripts/hub-test.js; as root only, it creates a system user per student).
 * A failing phase does not stop the others (unless setup failed). Ends with `N passed, N failed`
 * counted from the real results; exits 1 on any failure.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { setup, ROOT, has, isRoot, KERNEL_NAME, jupyterPython, jupyterEnv } = require("./setup");
const lessons = require("./lessons");
const { allNotebooks, solutionNotebooks, executeNotebooks, toHTML } = require("./notebook");
const { checkServes } = require("./serve-check");
const { checkUI } = require("./ui-check");
const { checkJupyterLab } = require("./jupyterlab-check");
const { runGradeTest } = require("./grade-test");
const { runHubTest, printSummary } = require("./hub-test");

const BUILD = path.join(ROOT, "build");
const node = process.execPath;
const bin = (pkg, rel) => path.join(ROOT, "node_modules", pkg, rel);

let passed = 0;
let failed = 0;
const timings = [];
const failures = [];

function record(ok, name, detail) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(detail ? `${name}\n    ${String(detail).split("\n").join("\n    ")}` : name);
  }
}

/** Runs a command with inherited output; returns its exit status. */
function sh(cmd, args, opts = {}) {
  console.log(`$ ${[cmd, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"], ...opts });
  return r.status ?? 1;
}

async function phase(name, fn) {
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const before = { passed, failed };
  try {
    await fn();
  } catch (err) {
    record(false, `${name}: crashed`, err && err.stack ? err.stack : err);
  }
  const seconds = (Date.now() - t0) / 1000;
  const line = `${name}: ${passed - before.passed} passed, ${failed - before.failed} failed, ${seconds.toFixed(1)} s`;
  timings.push(line);
  console.log(`--- ${line}`);
}

function summary() {
  console.log("\n=== summary ===");
  for (const t of timings) console.log(`  ${t}`);
  if (failures.length) {
    console.log("failures:");
    for (const f of failures) console.log(`  - ${f}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** In an executed notebook: how many gradlab figure outputs, and how many plotly.js bundle outputs. */
function countFigureOutputs(file) {
  let figures = 0;
  let bundles = 0;
  for (const cell of JSON.parse(fs.readFileSync(file, "utf8")).cells) {
    for (const out of cell.outputs || []) {
      const html = out.data && out.data["text/html"];
      const text = Array.isArray(html) ? html.join("") : html || "";
      if (text.includes("/* plotly.js for gradlab figures")) bundles++;
      if (text.includes('class="gradlab-figure"')) figures++;
    }
  }
  return { figures, bundles };
}

async function main() {
  const started = Date.now();
  let ready = false;
  await phase("setup", () => {
    try {
      setup({ forTests: true });
      ready = true;
      record(true, "setup");
    } catch (err) {
      record(false, "setup", err.message);
    }
  });
  if (!ready) summary();

  await phase("type-check (tsc --strict: src and test)", () => {
    for (const d of ["src", "test"]) fs.rmSync(path.join(BUILD, d), { recursive: true, force: true }); // no stale compiled tests
    // One tsc run type-checks src and test and emits build/ for mocha (saves a second compile).
    const status = sh(node, [bin("typescript", "bin/tsc"), "-p", "tsconfig.test.json"]);
    record(status === 0, "tsc -p tsconfig.test.json: no type errors");
  });

  await phase("lint (eslint + prettier --check)", () => {
    record(
      sh(node, [bin("eslint", "bin/eslint.js"), "src", "test", "scripts"]) === 0,
      "eslint: no problems in src, test, scripts",
    );
    const prettier = sh(node, [
      bin("prettier", "bin/prettier.cjs"),
      "--check",
      "--log-level",
      "warn",
      "src",
      "test",
      "scripts",
    ]);
    record(
      prettier === 0,
      "prettier --check: src, test, scripts are formatted (fix: npx prettier --write src test scripts)",
    );
  });

  await phase("unit tests (mocha)", () => {
    const summaryFile = path.join(BUILD, "mocha-summary.json");
    fs.rmSync(summaryFile, { force: true });
    const mocha = [bin("mocha", "bin/mocha.js"), "--reporter", path.join(__dirname, "mocha-summary-reporter.js")];
    const env = { ...process.env, GRADLAB_MOCHA_SUMMARY: summaryFile };
    if (has("xvfb-run")) {
      console.log("(under xvfb-run: a virtual display so the headless-gl backend can be tested)");
      sh("xvfb-run", ["-a", "-s", "-ac -screen 0 1280x1024x24", node, ...mocha], { env });
    } else {
      console.log("(xvfb-run not found: headless-gl gets no display; its backend tests may be skipped)");
      sh(node, mocha, { env });
    }
    if (!fs.existsSync(summaryFile)) {
      record(false, "mocha ran to the end", "mocha exited before reporting (see its output above)");
      return;
    }
    const s = JSON.parse(fs.readFileSync(summaryFile, "utf8"));
    passed += s.passes;
    failed += s.failures;
    for (const t of s.failedTitles) failures.push(`mocha: ${t}`);
    if (s.pending) console.log(`(${s.pending} pending/skipped test(s), not counted)`);
  });

  await phase("kernel: typed import, completion, hover", () => {
    const r = spawnSync(
      jupyterPython(),
      [path.join(__dirname, "kernel_check.py"), "--kernel", KERNEL_NAME, "--cwd", path.join(ROOT, "notebooks")],
      { cwd: ROOT, env: jupyterEnv(), encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 300000 },
    );
    const line = (r.stdout || "").split("\n").find((l) => l.startsWith("@@gradlab-results "));
    process.stdout.write((r.stdout || "").replace(/^@@gradlab-results .*$/m, ""));
    if (!line) {
      record(false, "kernel check ran", `scripts/kernel_check.py exited ${r.status ?? r.signal} without results`);
      return;
    }
    for (const c of JSON.parse(line.slice("@@gradlab-results ".length))) record(c.ok, c.name, c.error);
  });

  await phase("notebooks up to date with lessons/", () => {
    for (const d of lessons.drafts()) console.log(`  (${d} is marked <!-- draft -->: not built or checked)`);
    for (const r of lessons.check()) {
      console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}`);
      record(r.ok, r.name, r.error);
    }
  });

  let executed = [];
  await phase("execute notebooks (project kernel, top to bottom)", () => {
    const files = [...allNotebooks(), ...solutionNotebooks()];
    if (files.length === 0) {
      record(false, "notebooks exist", "notebooks/ has no .ipynb: run `npm run build:notebooks`");
      return;
    }
    const saveDir = path.join(BUILD, "executed");
    fs.rmSync(saveDir, { recursive: true, force: true });
    for (const r of executeNotebooks(files, { saveDir })) {
      record(r.ok, `${r.notebook} runs without errors (${r.seconds} s)`, r.error);
      if (r.seconds > 60)
        console.log(`  note: ${r.notebook} took ${r.seconds} s; a lesson should run in under 60 s on 2 cores`);
      if (r.ok && r.notebook.startsWith("notebooks")) {
        const file = path.join(saveDir, path.basename(r.notebook));
        executed.push(file);
        const { figures, bundles } = countFigureOutputs(file);
        if (figures > 0) {
          record(
            bundles === 1,
            `${r.notebook}: plotly.js sent once for ${figures} figure(s)`,
            `found ${bundles} plotly.js bundle outputs`,
          );
        }
      }
    }
  });

  await phase("site pages in headless chromium: figures drawn and looked at, formulas typeset", () => {
    const welcome = path.join(BUILD, "executed", "00-welcome.ipynb");
    if (!executed.includes(welcome)) {
      record(false, "00-welcome executed", "notebooks/00-welcome.ipynb did not execute, so its HTML cannot be checked");
    }
    // Every executed student notebook that shows at least one gradlab figure, 00-welcome always.
    const pages = executed.filter((f) => f === welcome || fs.readFileSync(f, "utf8").includes("gradlab-figure"));
    if (pages.length === 0) return;
    const htmlDir = path.join(BUILD, "site");
    fs.rmSync(htmlDir, { recursive: true, force: true });
    const converted = toHTML(pages, htmlDir);
    for (const c of converted) if (!c.ok) record(false, `nbconvert --to html ${c.notebook}`);
    const html = converted.filter((c) => c.ok).map((c) => c.html);
    if (html.length === 0) return;
    const resultsFile = path.join(BUILD, "render-results.json");
    fs.rmSync(resultsFile, { force: true });
    const shots = path.join(BUILD, "screenshots");
    console.log(`(screenshots of every figure at 1366×768: ${path.relative(ROOT, shots)}/<page>/NN.png)`);
    sh(node, [
      path.join(BUILD, "test", "notebooks", "render.js"),
      "--results",
      resultsFile,
      "--screenshots",
      shots,
      "--require-figures",
      path.join(htmlDir, "00-welcome.html"),
      ...html,
    ]);
    if (!fs.existsSync(resultsFile)) {
      record(false, "render test ran", "build/test/notebooks/render.js wrote no results (see its output above)");
      return;
    }
    for (const r of JSON.parse(fs.readFileSync(resultsFile, "utf8")))
      record(
        r.ok,
        `${path.basename(r.page)}: ${r.figures} figure(s) rendered and audited, ${r.formulas} formula(s) typeset, no JS errors`,
        r.error,
      );
  });

  await phase("figures in JupyterLab 4's output renderers (trusted and untrusted)", async () => {
    // 00-welcome (a slider, a live figure) and a lesson with slider figures
    const wanted = ["00-welcome.ipynb", "11-conv-arithmetic.ipynb"].map((f) => path.join(BUILD, "executed", f));
    const present = wanted.filter((f) => executed.includes(f));
    if (present.length < wanted.length)
      record(
        false,
        "JupyterLab renderer check",
        `not executed: ${wanted.filter((f) => !present.includes(f)).join(", ")}`,
      );
    if (present.length === 0) return;
    for (const c of await checkJupyterLab(present)) record(c.ok, c.name, c.error);
  });

  await phase("figures in the Notebook 6 UI (run all, save, reload)", async () => {
    if (!executed.includes(path.join(BUILD, "executed", "00-welcome.ipynb"))) {
      record(false, "Notebook 6 UI check", "skipped: notebooks/00-welcome.ipynb did not execute");
      return;
    }
    for (const c of await checkUI("notebooks/00-welcome.ipynb")) record(c.ok, c.name, c.error);
  });

  await phase("npm start serves the notebooks", async () => {
    const r = await checkServes();
    for (const c of r) record(c.ok, c.name, c.error);
  });

  await phase("npm run grade on made-up submissions (npm run test:grade)", () => {
    for (const c of runGradeTest()) record(c.ok, `grade: ${c.name}`, c.error);
  });

  await phase("JupyterHub: 3 students at once (npm run test:hub)", () => {
    if (!isRoot()) {
      console.log("  skipped: the hub test creates a system user per student and needs root (sudo npm run test:hub)");
      return;
    }
    const { results, summary } = runHubTest({
      students: 3,
      notebook: "notebooks/11-conv-arithmetic.ipynb",
      out: path.join(BUILD, "hub-test"),
    });
    printSummary(summary);
    for (const c of results) record(c.ok, c.name, c.error);
  });

  console.log(`\nnpm test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
  summary();
}

main();

/**
 * The Notebook 6 round trip of figures, checked in headless chromium (a phase of `npm test`):
 * a copy of a notebook (in build/ui-check/, so the committed one is untouched) is opened in the
 * classic Notebook UI, all cells are run from the browser, and every `.gradlab-figure` must be
 * drawn with no JS error and no error output; then the notebook is saved (which signs it),
 * reloaded, and the figures must draw again from the saved outputs.
 *   node scripts/ui-check.js [notebooks/00-welcome.ipynb]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const net = require("net");
const crypto = require("crypto");
const { spawn } = require("child_process");
const { ROOT, KERNEL_NAME, jupyterPython, jupyterEnv, isRoot } = require("./setup");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A port nothing listens on (the OS picks it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function waitForHTTP(url, ms) {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () =>
      http
        .get(url, (res) => {
          res.resume();
          if (res.statusCode === 200) resolve();
          else retry();
        })
        .on("error", retry);
    const retry = () => (Date.now() > until ? reject(new Error(`no answer from ${url}`)) : setTimeout(poll, 300));
    poll();
  });
}

/** Figures in the page: how many, how many drawn. Runs in the browser. */
const FIGURE_STATE = `(() => {
  const divs = Array.from(document.querySelectorAll(".gradlab-figure"));
  return {
    figures: divs.length,
    drawn: divs.filter((d) => d.querySelector(".main-svg") && (d.data || []).length > 0).length,
    errors: Array.from(document.querySelectorAll(".output_error")).map((e) => e.textContent.slice(0, 300)),
  };
})()`;

/** @returns {Promise<{ name: string, ok: boolean, error: string | null }[]>} */
async function checkUI(notebook = "notebooks/00-welcome.ipynb") {
  const { chromium } = require("playwright-core");
  const dir = path.join(ROOT, "build", "ui-check");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const name = path.basename(notebook);
  fs.copyFileSync(path.join(ROOT, notebook), path.join(dir, name));
  const token = crypto.randomBytes(16).toString("hex");
  const port = await freePort();
  const args = [
    "-m",
    "notebook",
    `--notebook-dir=${dir}`,
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    "--no-browser",
    `--NotebookApp.token=${token}`,
    `--MappingKernelManager.default_kernel_name=${KERNEL_NAME}`,
  ];
  if (isRoot()) args.push("--allow-root");
  const server = spawn(jupyterPython(), args, { cwd: ROOT, env: jupyterEnv(), detached: true, stdio: "ignore" });
  const results = [];
  const add = (n, ok, error) => {
    console.log(`  ${ok ? "ok  " : "FAIL"} ${n}${ok ? "" : `\n       ${error}`}`);
    results.push({ name: n, ok, error: ok ? null : error });
  };
  let browser = null;
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHTTP(`${base}/api/status?token=${token}`, 60000);
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    const jsErrors = [];
    page.on("pageerror", (err) => jsErrors.push(err.message));
    const url = `${base}/notebooks/${name}?token=${token}`;
    const open = async () => {
      await page.goto(url, { waitUntil: "load", timeout: 180000 });
      await page.waitForFunction(
        "window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()",
        undefined,
        { timeout: 120000, polling: 250 },
      );
    };
    await open();
    const t0 = Date.now();
    await page.evaluate("Jupyter.notebook.execute_all_cells()");
    // Done when no cell is queued or running ("In [*]") and every figure is drawn.
    await page
      .waitForFunction(
        `(() => { const s = ${FIGURE_STATE};
          const busy = Jupyter.notebook.get_cells().some((c) => c.cell_type === "code" && c.element.find(".input_prompt").text().includes("*"));
          return !busy && s.figures > 0 && s.drawn === s.figures; })()`,
        undefined,
        { timeout: 180000, polling: 500 },
      )
      .catch(() => undefined);
    let state = await page.evaluate(FIGURE_STATE);
    add(
      `Notebook 6: run all cells of ${name} in the browser: ${state.drawn}/${state.figures} figure(s) drawn, no errors (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      state.figures > 0 && state.drawn === state.figures && state.errors.length === 0 && jsErrors.length === 0,
      [...state.errors, ...jsErrors].join("\n") || `${state.drawn} of ${state.figures} figures drawn`,
    );
    await page.evaluate("Jupyter.notebook.save_notebook()");
    await page.waitForFunction("!Jupyter.notebook.dirty", undefined, { timeout: 30000 }).catch(() => undefined);
    jsErrors.length = 0;
    await open();
    await page
      .waitForFunction(
        `(() => { const s = ${FIGURE_STATE}; return s.figures > 0 && s.drawn === s.figures; })()`,
        undefined,
        {
          timeout: 60000,
          polling: 500,
        },
      )
      .catch(() => undefined);
    state = await page.evaluate(FIGURE_STATE);
    add(
      `Notebook 6: after save and reload, ${state.drawn}/${state.figures} figure(s) draw from the saved outputs`,
      state.figures > 0 && state.drawn === state.figures && jsErrors.length === 0,
      jsErrors.join("\n") || `${state.drawn} of ${state.figures} figures drawn`,
    );
  } catch (err) {
    add("Notebook 6 UI check ran", false, err && err.stack ? err.stack : String(err));
  } finally {
    if (browser) await browser.close();
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  return results;
}

module.exports = { checkUI };

if (require.main === module) {
  checkUI(process.argv[2]).then((results) => process.exit(results.every((r) => r.ok) ? 0 : 1));
}

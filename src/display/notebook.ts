/**
 * Showing figures and HTML in a notebook, offline. The plotly.js bundle (from `plotly.js-dist-min`,
 * the minified build: 4.8 MB instead of 10.1, see README "Dependencies") is sent once per kernel start as one HTML output; each figure is then a small output: a div
 * and a script that waits for `window.Plotly` and draws. Outside a notebook (mocha, node) the
 * functions print a one-line text summary instead.
 * See shared/PLOTTING-NOTES.md for what was measured (trust, require.js, nbconvert).
 */
import * as fs from "fs";

/** A plotly figure as plain data: what `Plotly.newPlot` takes. */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  frames?: Record<string, unknown>[];
  config?: Record<string, unknown>;
}

/** The part of tslab's Display that gradlab uses. */
export interface DisplayTarget {
  html(s: string): void;
  text(s: string): void;
  markdown(s: string): void;
}

interface TslabModule {
  display: DisplayTarget;
  newDisplay(): DisplayTarget;
}

let cachedTslab: TslabModule | null | undefined;

/**
 * The kernel's own tslab instance (a second copy in node_modules would not reach the front end),
 * or null when not running inside a tslab kernel.
 */
function kernelTslab(): TslabModule | null {
  if (cachedTslab !== undefined) return cachedTslab;
  cachedTslab = null;
  const main = require.main;
  if (main && /tslab/.test(main.filename)) {
    try {
      cachedTslab = main.require("tslab") as TslabModule;
    } catch {
      cachedTslab = null;
    }
  }
  return cachedTslab;
}

/** True inside a Jupyter notebook running the tslab kernel. */
export function inNotebook(): boolean {
  return kernelTslab() !== null;
}

let bundleSent = false;

/** The HTML output that defines `window.Plotly` (about 4.8 MB; sent once per kernel start). */
export function plotlyBundleHTML(): string {
  const path = require.resolve("plotly.js-dist-min/plotly.min.js");
  const js = fs.readFileSync(path, "utf8").replace(/<\/script/gi, "<\\/script");
  return `<script type="text/javascript">/* plotly.js for gradlab figures (offline) */\n${js}\n</script>`;
}

let figureCounter = 0;

/** A unique element id (not from gradlab's seeded RNG, which must stay untouched by display). */
function newId(): string {
  figureCounter += 1;
  return `gradlab-fig-${Date.now().toString(36)}-${figureCounter}`;
}

/** JSON that is safe inside a <script> element. */
export function scriptSafeJSON(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The small HTML output for one figure: a placeholder div (its text says why if scripts do not
 * run) and a script that draws into it once plotly.js is loaded.
 */
export function figureHTML(fig: Figure, id = newId()): string {
  const spec = scriptSafeJSON({
    data: fig.data,
    layout: { autosize: true, ...(fig.layout ?? {}) },
    frames: fig.frames ?? [],
    config: { responsive: true, displaylogo: false, ...(fig.config ?? {}) },
  });
  const height = Number((fig.layout as { height?: number } | undefined)?.height ?? 420);
  return [
    `<div id="${id}" class="gradlab-figure" style="width:100%;min-height:${height}px">`,
    `gradlab figure: it is drawn by a script, and this notebook is not trusted, so its scripts do not run.`,
    ` Run all cells again (Notebook 6: Cell → Run All; JupyterLab: Run → Run All Cells), or trust the notebook: Notebook 6: File → Trust Notebook;`,
    ` JupyterLab and Notebook 7: the command palette (Ctrl+Shift+C), "Trust Notebook"; a terminal: jupyter trust NOTEBOOK.ipynb.`,
    ` If it is trusted and you still see this, plotly.js was not loaded: restart the kernel and run all cells.</div>`,
    `<script type="text/javascript">(function () {`,
    `var spec = ${spec}; var tries = 0;`,
    `function draw() { var div = document.getElementById(${JSON.stringify(id)});`,
    `if (!window.Plotly || !div) { if (tries++ < 200) { setTimeout(draw, 50); } return; }`,
    `div.textContent = ""; window.Plotly.newPlot(div, spec); }`,
    `draw(); })();</script>`,
  ].join("");
}

function ensureBundle(target: DisplayTarget): void {
  if (bundleSent) return;
  target.html(plotlyBundleHTML());
  bundleSent = true;
}

function describe(fig: Figure): string {
  const title = (fig.layout?.title as { text?: string } | string | undefined) ?? "";
  const text = typeof title === "string" ? title : (title.text ?? "");
  return `[figure${text ? ` "${text}"` : ""}: ${fig.data.length} trace(s)${fig.frames?.length ? `, ${fig.frames.length} frames` : ""}]`;
}

/**
 * Displays a plotly figure in the notebook (interactive, offline). Outside a notebook it prints a
 * one-line summary.
 * @example gl.plot.show({ data: [{ x: [1, 2, 3], y: [1, 4, 9], type: "scatter" }], layout: { title: { text: "squares" } } });
 */
export function show(fig: Figure): void {
  const tslab = kernelTslab();
  if (!tslab) {
    console.log(describe(fig));
    return;
  }
  ensureBundle(tslab.display);
  tslab.display.html(figureHTML(fig));
}

/** Displays HTML (tables, notes) in the notebook; prints `fallbackText` (or the HTML) elsewhere. */
export function showHTML(html: string, fallbackText?: string): void {
  const tslab = kernelTslab();
  if (!tslab) {
    console.log(fallbackText ?? html);
    return;
  }
  tslab.display.html(html);
}

/** One output area that each call overwrites: for progress bars and live figures. */
export interface LiveDisplay {
  figure(fig: Figure): void;
  html(html: string, fallbackText?: string): void;
  text(text: string): void;
}

/**
 * A live display: each call replaces what it showed before (tslab's newDisplay). In a terminal,
 * text updates rewrite one line when stdout is a TTY.
 */
export function liveDisplay(): LiveDisplay {
  const tslab = kernelTslab();
  if (!tslab) {
    return {
      figure: (fig) => console.log(describe(fig)),
      html: (html, fallback) => console.log(fallback ?? html),
      text: (text) => {
        if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
        else console.log(text);
      },
    };
  }
  const target = tslab.newDisplay();
  let id = newId(); // a fresh div id per redraw: a pending draw of the old output cannot hit the new one
  return {
    figure: (fig) => {
      ensureBundle(tslab.display);
      target.html(figureHTML(fig, id));
      id = newId();
    },
    html: (html) => target.html(html),
    text: (text) => target.text(text),
  };
}

/**
 * The headless-browser check of executed notebooks (a phase of `npm test`, after the notebooks
 * ran): opens each nbconvert HTML page in Debian's chromium (playwright-core, no browser
 * download, network blocked) and asserts that every `.gradlab-figure` was drawn by plotly (a
 * `.main-svg` present, at least one trace, every trace with data) and that the page threw no
 * JavaScript error; then looks at each figure as a learner would, at a laptop viewport (1366×768):
 * a screenshot of every figure (and of every slider figure after its slider is moved to the end)
 * goes to the screenshot folder, and `figureAudit.ts` checks the drawing (no overlapping text, no
 * point outside its axis range in any slider frame, no one-colour figure, log axes labelled in
 * powers of ten; a slider move keeps every text label).
 *   node build/test/notebooks/render.js [--results out.json] [--screenshots DIR] [--require-figures page.html] page.html...
 * `--require-figures` names a page that must show at least one figure (00-welcome does).
 * Pages are served over HTTP from their own folder, so nothing outside it can load (a
 * `file:///usr/share/javascript/…` MathJax would not): formulas must be typeset in the page
 * (scripts/site-math.js) — no TeX source left in the text, no KaTeX error.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { chromium, Page } from "playwright-core";
import { AUDIT, TEXT_COUNTS } from "./figureAudit";

interface PageResult {
  page: string;
  ok: boolean;
  figures: number;
  formulas: number;
  loadSeconds: number;
  bytes: number;
  error: string | null;
}

interface FigureState {
  id: string;
  drawn: boolean;
  traces: number;
  emptyTraces: number;
}

/** Typeset formulas, KaTeX errors, and text that still looks like TeX (outside code). */
const MATH_STATE = String.raw`(() => {
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const tex = /\$[^$\s][^$]*\$|\\(frac|sum|sqrt|partial|mathrm|text|left|cdot)\b/;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement.closest("pre, code, script, style, .katex, .jp-OutputArea, .gradlab-figure")) continue;
    const m = n.textContent.match(tex);
    if (m && raw.length < 5) raw.push(JSON.stringify(n.textContent.slice(Math.max(0, m.index - 20), m.index + 40)));
  }
  return {
    typeset: document.querySelectorAll(".katex").length,
    errors: Array.from(document.querySelectorAll(".katex-error")).slice(0, 5).map((e) => e.getAttribute("title") || e.textContent),
    raw,
  };
})()`;

/** A static file server for one folder (on a free port of 127.0.0.1). */
function serveFolder(dir: string): Promise<http.Server> {
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const file = path.join(dir, name);
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const DATA_KEYS = ["x", "y", "z", "values", "r", "theta", "lat", "lon", "dimensions", "cells"];

async function main(argv: string[]): Promise<number> {
  let resultsFile: string | null = null;
  let shotDir: string | null = null;
  const mustHaveFigures = new Set<string>();
  const pages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--results") resultsFile = argv[++i];
    else if (argv[i] === "--screenshots") shotDir = path.resolve(argv[++i]);
    else if (argv[i] === "--require-figures") mustHaveFigures.add(path.resolve(argv[++i]));
    else pages.push(path.resolve(argv[i]));
  }
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const results: PageResult[] = [];
  try {
    for (const file of pages) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const jsErrors: string[] = [];
      const offline: string[] = [];
      page.on("pageerror", (err) => jsErrors.push(`uncaught: ${err.message}`));
      page.on("console", (msg) => {
        // A blocked CDN script (require.js, MathJax in nbconvert's template) logs a resource
        // error: that is the page being offline, not a JavaScript error.
        if (msg.type() === "error" && !/Failed to load resource|net::ERR_/.test(msg.text())) {
          jsErrors.push(`console.error: ${msg.text()}`);
        }
      });
      const server = await serveFolder(path.dirname(file));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await page.route(/^https?:/, (route) => {
        if (route.request().url().startsWith(base)) return route.continue();
        offline.push(route.request().url());
        return route.abort();
      });
      const t0 = Date.now();
      await page.goto(base + encodeURIComponent(path.basename(file)), { waitUntil: "load", timeout: 180000 });
      // Wait until every figure is drawn (or 30 s pass). Browser-side code is a string: the
      // tests compile without the DOM library.
      await page
        .waitForFunction(
          `Array.from(document.querySelectorAll(".gradlab-figure")).every((d) => d.querySelector(".main-svg"))`,
          undefined,
          { timeout: 30000, polling: 200 },
        )
        .catch(() => undefined);
      const figures = (await page.evaluate(`(() => {
        const keys = ${JSON.stringify(DATA_KEYS)};
        const hasData = (t) => keys.some((k) => (Array.isArray(t[k]) || ArrayBuffer.isView(t[k])) && t[k].length > 0);
        return Array.from(document.querySelectorAll(".gradlab-figure")).map((div) => ({
          id: div.id,
          drawn: div.querySelector(".main-svg") !== null,
          traces: (div.data || []).length,
          emptyTraces: (div.data || []).filter((t) => !hasData(t)).length,
        }));
      })()`)) as FigureState[];
      const loadSeconds = (Date.now() - t0) / 1000;
      const problems: string[] = [];
      const math = (await page.evaluate(MATH_STATE)) as { typeset: number; errors: string[]; raw: string[] };
      for (const e of math.errors) problems.push(`formula not typeset (KaTeX error): ${e}`);
      for (const r of math.raw) problems.push(`TeX source shown as text: ${r}`);
      if (mustHaveFigures.has(file) && figures.length === 0) problems.push("the page shows no gradlab figure");
      for (const f of figures) {
        if (!f.drawn) problems.push(`figure ${f.id} was not drawn (no .main-svg: plotly.js missing or the script failed)`);
        else if (f.traces === 0) problems.push(`figure ${f.id} has no traces`);
        else if (f.emptyTraces > 0) problems.push(`figure ${f.id} has ${f.emptyTraces} trace(s) without data`);
      }
      if (figures.every((f) => f.drawn)) problems.push(...(await lookAtFigures(page, file, shotDir)));
      problems.push(...jsErrors);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const name = path.basename(file);
      console.log(
        `  ${problems.length ? "FAIL" : "ok  "} ${name}: ${figures.filter((f) => f.drawn).length}/${figures.length} figure(s) drawn, ` +
          `${math.typeset} formula(s), ${jsErrors.length} JS error(s), ${seconds} s (drawn after ${loadSeconds.toFixed(1)} s)` +
          (offline.length ? ` (blocked ${offline.length} request(s) to the network: ${[...new Set(offline.map((u) => new URL(u).host))].join(", ")})` : ""),
      );
      for (const p of problems) console.log(`       ${p}`);
      results.push({
        page: file,
        ok: problems.length === 0,
        figures: figures.length,
        formulas: math.typeset,
        loadSeconds,
        bytes: fs.statSync(file).size,
        error: problems.join("\n") || null,
      });
      await page.close();
      server.close();
    }
  } finally {
    await browser.close();
  }
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 1));
  return results.every((r) => r.ok) ? 0 : 1;
}

/**
 * Screenshots and audits each figure of the page; moves each slider (real clicks on its rail: to
 * step 1, the middle, the end and back to 0) and checks each time that it moved and kept every
 * text label; screenshots the last step too.
 */
async function lookAtFigures(page: Page, file: string, shotDir: string | null): Promise<string[]> {
  const problems: string[] = [];
  const dir = shotDir ? path.join(shotDir, path.basename(file, ".html")) : null;
  if (dir) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  const ids = (await page.evaluate(
    `Array.from(document.querySelectorAll(".gradlab-figure")).map((d) => d.id)`,
  )) as string[];
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    const sel = `#${id}`;
    const title = (await page.evaluate(
      `(() => { const t = document.getElementById(${JSON.stringify(id)})._fullLayout.title; return (t && t.text) || ""; })()`,
    )) as string;
    const label = `figure ${k + 1} "${title.replace(/<[^>]+>/g, "").slice(0, 60)}"`;
    await page.locator(sel).scrollIntoViewIfNeeded();
    const stem = dir ? path.join(dir, `${String(k + 1).padStart(2, "0")}`) : null;
    if (stem) await page.locator(sel).screenshot({ path: `${stem}.png` });
    const found = (await page.evaluate(`(${AUDIT})(document.getElementById(${JSON.stringify(id)}))`)) as string[];
    for (const p of found) problems.push(`${label}: ${p}`);
    const rail = page.locator(`${sel} .slider-rail-rect`).first();
    if ((await rail.count()) === 0) continue;
    const box = await rail.boundingBox();
    if (!box) continue;
    const steps = (await page.evaluate(
      `document.getElementById(${JSON.stringify(id)})._fullLayout.sliders[0].steps.length`,
    )) as number;
    // a few moves as a learner makes them (labels were lost after the first move, not the last)
    const visits = [...new Set([1, Math.floor(steps / 2), steps - 1, 0])].filter((i) => i >= 0 && i < steps);
    for (const step of visits) {
      const x = box.x + 2 + (steps > 1 ? (step / (steps - 1)) * (box.width - 4) : 0);
      await page.mouse.click(x, box.y + box.height / 2);
      await page.waitForTimeout(300);
      const state = (await page.evaluate(`(() => {
        const div = document.getElementById(${JSON.stringify(id)});
        return { active: div._fullLayout.sliders[0].active, texts: (${TEXT_COUNTS})(div) };
      })()`)) as { active: number; texts: { trace: string; want: number; drawn: number }[] };
      if (state.active !== step)
        problems.push(`${label}: a click on the slider's step ${step} left it at step ${state.active} (of ${steps})`);
      for (const t of state.texts)
        if (t.drawn !== t.want)
          problems.push(`${label}: at slider step ${step}, "${t.trace}" shows ${t.drawn} of its ${t.want} text labels`);
      if (step === steps - 1 && stem) await page.locator(sel).screenshot({ path: `${stem}-slider-end.png` });
    }
  }
  return problems;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * The headless-browser check of executed notebooks (a phase of `npm test`, after the notebooks
 * ran): opens each nbconvert HTML page in Debian's chromium (playwright-core, no browser
 * download, network blocked) and asserts that every `.gradlab-figure` was drawn by plotly (a
 * `.main-svg` present, at least one trace, every trace with data) and that the page threw no
 * JavaScript error.
 *   node build/test/notebooks/render.js [--results out.json] [--require-figures page.html] page.html...
 * `--require-figures` names a page that must show at least one figure (00-welcome does).
 */
import * as fs from "fs";
import * as path from "path";
import { chromium } from "playwright-core";

interface PageResult {
  page: string;
  ok: boolean;
  figures: number;
  error: string | null;
}

interface FigureState {
  id: string;
  drawn: boolean;
  traces: number;
  emptyTraces: number;
}

const DATA_KEYS = ["x", "y", "z", "values", "r", "theta", "lat", "lon", "dimensions", "cells"];

async function main(argv: string[]): Promise<number> {
  let resultsFile: string | null = null;
  const mustHaveFigures = new Set<string>();
  const pages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--results") resultsFile = argv[++i];
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
      const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
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
      await page.route(/^https?:/, (route) => {
        offline.push(route.request().url());
        return route.abort();
      });
      const t0 = Date.now();
      await page.goto("file://" + file, { waitUntil: "load", timeout: 180000 });
      // Wait until every figure is drawn (or 30 s pass).
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
      const problems: string[] = [];
      if (mustHaveFigures.has(file) && figures.length === 0) problems.push("the page shows no gradlab figure");
      for (const f of figures) {
        if (!f.drawn) problems.push(`figure ${f.id} was not drawn (no .main-svg: plotly.js missing or the script failed)`);
        else if (f.traces === 0) problems.push(`figure ${f.id} has no traces`);
        else if (f.emptyTraces > 0) problems.push(`figure ${f.id} has ${f.emptyTraces} trace(s) without data`);
      }
      problems.push(...jsErrors);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const name = path.basename(file);
      console.log(
        `  ${problems.length ? "FAIL" : "ok  "} ${name}: ${figures.filter((f) => f.drawn).length}/${figures.length} figure(s) drawn, ` +
          `${jsErrors.length} JS error(s), ${seconds} s` +
          (offline.length ? ` (blocked ${offline.length} request(s) to the network: ${[...new Set(offline.map((u) => new URL(u).host))].join(", ")})` : ""),
      );
      for (const p of problems) console.log(`       ${p}`);
      results.push({ page: file, ok: problems.length === 0, figures: figures.length, error: problems.join("\n") || null });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 1));
  return results.every((r) => r.ok) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

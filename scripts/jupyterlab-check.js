/**
 * Executed notebooks through JupyterLab 4's own output renderers (a phase of `npm test`):
 * `@jupyterlab/rendermime` (the standard renderer factories, its sanitizer) and
 * `@jupyterlab/outputarea` (OutputAreaModel + OutputArea, as JupyterLab 4 and Notebook 7 show a
 * code cell's outputs), bundled by esbuild into one script for headless chromium (no network).
 * Each notebook is shown twice, one OutputArea per code cell:
 *   trusted   (run in this session, or trusted by the user): every gradlab figure is drawn, every
 *             slider moves to its last step when its rail is clicked, no JavaScript error;
 *   untrusted (opened from elsewhere): the sanitizer drops the scripts, no figure is drawn, and
 *             every figure's placeholder tells the learner what to do (run the cells again, or
 *             "Trust Notebook" from the command palette / File menu, or `jupyter trust`).
 * What this does not cover: JupyterLab's notebook widget, kernel and trust database (not on npm as
 * something that runs without a Jupyter server); see README "Figures in notebooks".
 *   node scripts/jupyterlab-check.js build/executed/00-welcome.ipynb [...]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { ROOT } = require("./setup");

const OUT = path.join(ROOT, "build", "jupyterlab");

// Browser code: what JupyterLab does with a cell's saved outputs. jupyter_server rejoins the
// multi-line strings of a notebook file before the front end sees them (nbformat.reads).
const ENTRY = `
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { OutputArea, OutputAreaModel } from "@jupyterlab/outputarea";
import { Widget } from "@lumino/widgets";
const joined = (v) => (Array.isArray(v) ? v.join("") : v);
const asServed = (out) => ({
  ...out,
  ...(out.text !== undefined ? { text: joined(out.text) } : {}),
  ...(out.data ? { data: Object.fromEntries(Object.entries(out.data).map(([k, v]) => [k, joined(v)])) } : {}),
});
window.showOutputs = (notebook, trusted) => {
  const rendermime = new RenderMimeRegistry({ initialFactories: standardRendererFactories });
  const host = document.getElementById("notebook");
  let areas = 0;
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code" || !(cell.outputs || []).length) continue;
    const model = new OutputAreaModel({ trusted });
    model.fromJSON(cell.outputs.map(asServed));
    Widget.attach(new OutputArea({ model, rendermime }), host);
    areas++;
  }
  return areas;
};
`;

async function bundle() {
  const esbuild = require("esbuild");
  fs.mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: "jupyterlab-outputs.js", loader: "js" },
    bundle: true,
    format: "iife",
    minify: true,
    outfile: path.join(OUT, "outputs.js"),
    loader: { ".svg": "text", ".css": "empty" },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  fs.writeFileSync(
    path.join(OUT, "index.html"),
    '<!doctype html><html><head><meta charset="utf-8"><title>JupyterLab 4 outputs</title></head>' +
      '<body><div id="notebook"></div><script src="outputs.js"></script></body></html>',
  );
}

const STATE = `(() => {
  const divs = Array.from(document.querySelectorAll(".gradlab-figure"));
  return {
    figures: divs.length,
    drawn: divs.filter((d) => d.querySelector(".main-svg") && (d.data || []).length > 0).length,
    sliders: divs.filter((d) => d.querySelector(".slider-rail-rect")).map((d) => d.id),
    placeholders: divs.map((d) => d.textContent.trim()),
    plotly: typeof window.Plotly,
  };
})()`;

/** @returns {Promise<{ name: string, ok: boolean, error: string | null }[]>} */
async function checkJupyterLab(notebooks) {
  const { chromium } = require("playwright-core");
  const results = [];
  const add = (name, ok, error) => {
    console.log(
      `  ${ok ? "ok  " : "FAIL"} ${name}${ok ? "" : `\n       ${String(error).split("\n").join("\n       ")}`}`,
    );
    results.push({ name, ok, error: ok ? null : error });
  };
  try {
    await bundle();
  } catch (err) {
    add("bundle @jupyterlab/rendermime + outputarea with esbuild", false, err.message);
    return results;
  }
  console.log(
    `  bundled JupyterLab's renderers: ${(fs.statSync(path.join(OUT, "outputs.js")).size / 1e3).toFixed(0)} kB`,
  );
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  try {
    for (const file of notebooks) {
      const name = path.basename(file);
      const notebook = JSON.parse(fs.readFileSync(file, "utf8"));
      for (const trusted of [true, false]) {
        const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
        const errors = [];
        page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
        page.on("console", (m) => m.type() === "error" && errors.push(`console.error: ${m.text()}`));
        await page.route(/^https?:/, (route) => route.abort());
        await page.goto("file://" + path.join(OUT, "index.html"), { waitUntil: "load" });
        const t0 = Date.now();
        await page.evaluate(([nb, t]) => globalThis.showOutputs(nb, t), [notebook, trusted]);
        if (trusted) {
          await page
            .waitForFunction(
              `(() => { const s = ${STATE}; return s.figures > 0 && s.drawn === s.figures; })()`,
              undefined,
              {
                timeout: 60000,
                polling: 250,
              },
            )
            .catch(() => undefined);
          const s = await page.evaluate(STATE);
          const problems = [...errors];
          if (s.figures === 0) problems.push("no gradlab figure in the outputs");
          if (s.drawn !== s.figures) problems.push(`${s.drawn} of ${s.figures} figures drawn`);
          let moved = 0;
          for (const id of s.sliders) {
            const box = await page.locator(`#${id} .slider-rail-rect`).first().boundingBox();
            if (!box) continue;
            await page.locator(`#${id}`).scrollIntoViewIfNeeded();
            const b = await page.locator(`#${id} .slider-rail-rect`).first().boundingBox();
            await page.mouse.click(b.x + b.width - 2, b.y + b.height / 2);
            await page.waitForTimeout(300);
            const at = await page.evaluate(
              `(() => { const s = document.getElementById(${JSON.stringify(id)})._fullLayout.sliders[0]; return [s.active, s.steps.length]; })()`,
            );
            if (at[0] === at[1] - 1) moved++;
            else problems.push(`slider of ${id} did not move (at step ${at[0]} of ${at[1]})`);
          }
          add(
            `JupyterLab 4 renderers, trusted ${name}: ${s.drawn}/${s.figures} figure(s) drawn, ${moved}/${s.sliders.length} slider(s) moved, no JS errors (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
            problems.length === 0,
            problems.join("\n"),
          );
          await page.screenshot({ path: path.join(OUT, `${name.replace(/\.ipynb$/, "")}-trusted.png`) });
        } else {
          await page.waitForTimeout(1000);
          const s = await page.evaluate(STATE);
          const problems = [...errors];
          if (s.figures === 0) problems.push("no gradlab figure placeholder in the outputs");
          if (s.drawn > 0) problems.push(`${s.drawn} figure(s) drawn although the outputs are untrusted`);
          if (s.plotly !== "undefined") problems.push("a script ran in untrusted outputs (window.Plotly is defined)");
          const unclear = s.placeholders.filter(
            (t) => !(/Trust Notebook/.test(t) && /run/i.test(t) && /jupyter trust/.test(t)),
          );
          if (unclear.length)
            problems.push(`placeholder does not say what to do: ${JSON.stringify(unclear[0].slice(0, 200))}`);
          add(
            `JupyterLab 4 renderers, untrusted ${name}: ${s.figures} placeholder(s) that say how to trust or re-run, no figure drawn, no script run`,
            problems.length === 0,
            problems.join("\n"),
          );
          await page.screenshot({ path: path.join(OUT, `${name.replace(/\.ipynb$/, "")}-untrusted.png`) });
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

module.exports = { checkJupyterLab };

if (require.main === module) {
  checkJupyterLab(process.argv.slice(2).map((f) => path.resolve(f))).then(
    (r) => process.exit(r.length && r.every((x) => x.ok) ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

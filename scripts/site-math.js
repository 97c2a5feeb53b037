/**
 * Typesets the formulas of an nbconvert HTML page at build time, so the page reads the same on any
 * machine, offline: every `$…$`, `$$…$$`, `\(…\)`, `\[…\]` in the page's text (not in code, <pre>,
 * scripts or styles) becomes KaTeX's HTML, KaTeX's stylesheet goes into the page with its fonts
 * inlined (woff2, base64), and the page's references to MathJax and require.js on the building
 * machine (`file:///usr/share/javascript/…`, Debian's nbconvert) are removed: nothing in the page
 * loads anything from outside it.
 *   node scripts/site-math.js page.html [...]     (npm run build:html and npm test do this)
 * Why KaTeX at build time rather than a MathJax shipped in the page: measured in README
 * ("HTML pages"): the page carries ~0.3 MB of CSS and fonts and no script, instead of a MathJax
 * bundle of several MB that typesets in the browser after load.
 */
"use strict";
const fs = require("fs");
const path = require("path");

let cachedCSS = null;

/** KaTeX's stylesheet with each font as a woff2 data: URL (every browser that runs plotly reads woff2). */
function katexCSS() {
  if (cachedCSS) return cachedCSS;
  const dir = path.dirname(require.resolve("katex/dist/katex.min.css"));
  const css = fs.readFileSync(path.join(dir, "katex.min.css"), "utf8");
  cachedCSS = css.replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)[^;}]*/g, (_, name) => {
    const font = fs.readFileSync(path.join(dir, "fonts", `${name}.woff2`)).toString("base64");
    return `src:url(data:font/woff2;base64,${font}) format("woff2")`;
  });
  return cachedCSS;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function unescapeHTML(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : +e.slice(1));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// display first ($$ before $), then inline; a `\$` is a dollar sign, not a delimiter
const MATH = /\$\$([\s\S]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|(?<![\\$])\$(?!\s)((?:\\\$|[^$])+?)(?<!\s)\$/g;

/** The text of an HTML text node with its formulas typeset; `count` is incremented per formula. */
function typesetText(text, stats) {
  const katex = require("katex");
  return text.replace(MATH, (m, d1, d2, i1, i2) => {
    const display = d1 !== undefined || d2 !== undefined;
    const tex = unescapeHTML(d1 ?? d2 ?? i1 ?? i2);
    stats.formulas++;
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: false,
      output: "html",
      strict: "ignore",
    });
    if (html.includes("katex-error")) stats.errors.push(tex);
    return html;
  });
}

const SKIP = new Set(["script", "style", "pre", "code", "textarea", "svg"]);

/**
 * The page's HTML with formulas typeset and the outside references removed.
 * @returns {{ html: string, formulas: number, errors: string[] }}
 */
function typesetHTML(page) {
  const stats = { formulas: 0, errors: [] };
  // the building machine's MathJax (script + its config) and require.js: nothing else uses them
  let html = page
    .replace(/<!-- Load mathjax -->[\s\S]*?<!-- End of mathjax configuration -->/, "")
    .replace(/<script src="file:\/\/\/usr\/share\/javascript\/requirejs\/require(\.min)?\.js"><\/script>/, "")
    .replace(/<script[^>]*src="file:\/\/\/usr\/share\/javascript\/mathjax[^"]*"[^>]*>\s*<\/script>/g, "");
  const out = [];
  const stack = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)([^>]*)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const text = html.slice(last, m.index);
    out.push(stack.length === 0 && (text.includes("$") || text.includes("\\")) ? typesetText(text, stats) : text);
    out.push(m[0]);
    last = tag.lastIndex;
    const name = (m[2] || "").toLowerCase();
    if (!name) continue;
    if (m[1] === "/") {
      if (stack.length && stack[stack.length - 1] === name) stack.pop();
    } else if (SKIP.has(name) && !/\/\s*$/.test(m[3])) {
      stack.push(name);
      if (name === "script" || name === "style") {
        // raw text up to the closing tag (a script may contain "<" and "$")
        const close = html.toLowerCase().indexOf(`</${name}`, last);
        const end = close < 0 ? html.length : close;
        out.push(html.slice(last, end));
        last = end;
        tag.lastIndex = end;
      }
    }
  }
  out.push(html.slice(last));
  html = out.join("");
  if (stats.formulas > 0)
    html = html.replace("</head>", `<style>/* KaTeX (offline) */\n${katexCSS()}</style>\n</head>`);
  return { html, formulas: stats.formulas, errors: stats.errors };
}

/** Typesets a page file in place. @returns {{ formulas: number, errors: string[] }} */
function typesetPage(file) {
  const { html, formulas, errors } = typesetHTML(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, html);
  return { formulas, errors };
}

module.exports = { typesetHTML, typesetPage };

if (require.main === module) {
  let bad = 0;
  for (const f of process.argv.slice(2)) {
    const r = typesetPage(f);
    console.log(
      `${f}: ${r.formulas} formula(s) typeset${r.errors.length ? `, ${r.errors.length} KaTeX error(s)` : ""}`,
    );
    for (const e of r.errors) console.log(`  cannot typeset: ${e}`);
    bad += r.errors.length;
  }
  process.exit(bad ? 1 : 0);
}

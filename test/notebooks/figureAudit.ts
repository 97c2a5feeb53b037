/**
 * What a learner would see wrong in a drawn figure, checked in the browser on plotly's rendered
 * SVG and its full data (a string of browser code: the tests compile without the DOM library).
 * `AUDIT` is an expression of one function `(div) => string[]` taking a drawn `.gradlab-figure`
 * div and returning its problems:
 *   - text boxes that overlap (every visible SVG <text>: titles, tick labels, annotations,
 *     legend, colour bar, slider labels, text on points), or that run past the figure's edge;
 *   - a cartesian trace point outside its axis range, in the first drawing or in any slider frame
 *     (a fixed range that clips the data);
 *   - a figure that shows one colour: a heatmap whose values are all equal (e.g. decision regions
 *     that are all one class), or two legend entries drawn in the same colour and dash;
 *   - a log axis whose tick labels are not the numbers at the ticks or not written as powers of
 *     ten (SI prefixes such as 10k or 100μ, bare digits such as "2" meaning 0.2).
 * `TEXT_COUNTS` (div) => number[] counts the non-empty texts drawn per scatter trace and the
 * number the trace's data asks for, to check that a slider move keeps the labels.
 */

export const AUDIT = String.raw`(div) => {
  const problems = [];
  const fl = div._fullLayout;
  const fd = div._fullData || [];
  const short = (s) => (s.length > 40 ? s.slice(0, 37) + "…" : s);

  // 1. overlapping text boxes
  const texts = Array.from(div.querySelectorAll(".main-svg text")).filter((t) => {
    if (t.textContent.trim() === "" || t.closest(".hoverlayer")) return false;
    if (t.checkVisibility && !t.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    for (let e = t; e && e !== div; e = e.parentElement) {
      const o = e.getAttribute && e.getAttribute("opacity");
      if (o !== null && o !== undefined && Number(o) === 0) return false;
      if (e.style && (e.style.opacity === "0" || e.style.display === "none")) return false;
    }
    const r = t.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
  const boxes = texts.map((t) => {
    const r = t.getBoundingClientRect();
    // glyph boxes include the line's leading: shrink a little so touching lines do not count
    const dy = Math.min(3, r.height * 0.15);
    const tick = t.parentElement && /(^| )[xy]\d*tick( |$)/.test(t.parentElement.getAttribute("class") || "")
      ? t.parentElement.getAttribute("class").match(/[xy]\d*tick/)[0] : null;
    return { text: t.textContent.trim(), l: r.left + 1, r: r.right - 1, t: r.top + dy, b: r.bottom - dy, tick };
  });
  const frame = div.querySelector(".main-svg").getBoundingClientRect();
  const cut = boxes.filter((b) => b.l < frame.left - 2 || b.r > frame.right + 2);
  for (const b of cut.slice(0, 3)) problems.push('text "' + short(b.text) + '" is cut off at the edge of the figure');
  let overlaps = 0;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.tick && a.tick === b.tick) continue; // plotly spaces the labels of one axis itself
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) {
        overlaps++;
        if (overlaps <= 5) problems.push('text "' + short(a.text) + '" overlaps "' + short(b.text) + '" (' + w.toFixed(0) + "×" + h.toFixed(0) + " px)");
      }
    }
  }
  if (overlaps > 5) problems.push("… and " + (overlaps - 5) + " more overlapping text pairs");

  // 2. points inside the axis ranges, first drawing and every frame
  const axisOf = (id) => fl[id.charAt(0) + "axis" + id.slice(1)];
  const num = (v) => (typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN);
  const outside = (values, ax, label) => {
    if (!ax || !ax.range || (ax.type !== "linear" && ax.type !== "log") || !values) return null;
    const lo = Math.min(ax.range[0], ax.range[1]);
    const hi = Math.max(ax.range[0], ax.range[1]);
    const eps = (hi - lo) * 1e-6;
    let n = 0;
    let example = null;
    for (let i = 0; i < values.length; i++) {
      let v = num(values[i]);
      if (!Number.isFinite(v)) continue;
      if (ax.type === "log") {
        if (v <= 0) continue;
        v = Math.log10(v);
      }
      if (v < lo - eps || v > hi + eps) {
        n++;
        if (example === null) example = values[i];
      }
    }
    if (n === 0) return null;
    const shown = ax.type === "log" ? [Math.pow(10, lo), Math.pow(10, hi)] : [lo, hi];
    return n + " point(s) of " + label + " outside the " + ax._id + " range [" + shown.map((v) => +v.toPrecision(3)).join(", ") + "] (e.g. " + (+Number(example).toPrecision(4)) + ")";
  };
  const checkTrace = (t, base, where) => {
    const type = base.type;
    if (type !== "scatter" && type !== "bar") return;
    if (base.visible !== true) return;
    const name = (base.name ? '"' + base.name + '"' : "trace " + base.index) + where;
    const xa = axisOf(base.xaxis || "x");
    const ya = axisOf(base.yaxis || "y");
    const horizontal = type === "bar" && base.orientation === "h";
    for (const [values, ax] of [[t.x, xa], [t.y, ya]]) {
      if (type === "bar" && ax === (horizontal ? ya : xa)) continue; // categories / bar positions
      const p = outside(values, ax, name);
      if (p) problems.push(p);
    }
  };
  fd.forEach((t) => checkTrace(t, t, ""));
  const frames = (div._transitionData && div._transitionData._frames) || [];
  for (const f of frames) {
    (f.data || []).forEach((t, k) => {
      const idx = f.traces ? f.traces[k] : k;
      const base = fd[idx];
      if (!base) return;
      checkTrace({ x: t.x !== undefined ? t.x : base.x, y: t.y !== undefined ? t.y : base.y }, base, ' in slider frame "' + f.name + '"');
    });
  }

  // 3. one colour: constant heatmaps, legend entries that look alike
  for (const t of fd) {
    if (t.type !== "heatmap" || t.visible !== true || !Array.isArray(t.z)) continue;
    const seen = new Set();
    let cells = 0;
    for (const row of t.z) for (const v of Array.isArray(row) ? row : [row]) if (Number.isFinite(v)) { seen.add(v); cells++; }
    if (cells > 1 && seen.size === 1) problems.push("heatmap " + (t.name ? '"' + t.name + '" ' : "") + "has one value everywhere (" + [...seen][0] + "): the figure is one colour");
  }
  const looks = new Map();
  for (const t of fd) {
    if (t.visible !== true || !t.showlegend || !t._input || t._input.name === undefined) continue;
    const key = t.legendgroup || t.name;
    const colour = (t.line && typeof t.line.color === "string" && String(t.mode || "").includes("lines")) ? t.line.color
      : t.marker && typeof t.marker.color === "string" ? t.marker.color : null;
    if (colour === null) continue;
    const look = colour + " " + ((t.line && t.line.dash) || "") + " " + ((t.marker && t.marker.symbol) || "");
    const others = looks.get(look) || new Set();
    others.add(key);
    looks.set(look, others);
  }
  for (const [look, keys] of looks) {
    if (keys.size > 1) problems.push("legend entries " + [...keys].slice(0, 4).map((k) => '"' + k + '"').join(", ") + " share one colour and dash (" + look.trim() + ")");
  }

  // 4. log axes: labels are the tick values, written as powers of ten (or short decimals)
  const value = (html) => {
    const s = String(html).replace(/\u2212/g, "-").replace(/<\/?b>/g, "").trim();
    let m = s.match(/^(?:(\d+(?:\.\d+)?)\s*[x×]\s*)?10<sup>(-?\d+)<\/sup>$/);
    if (m) return { v: (m[1] ? Number(m[1]) : 1) * Math.pow(10, Number(m[2])), power: true };
    if (/^-?\d+(\.\d+)?$/.test(s)) return { v: Number(s), power: false };
    return null;
  };
  for (const key of Object.keys(fl)) {
    if (!/^[xy]axis\d*$/.test(key)) continue;
    const ax = fl[key];
    if (!ax || ax.type !== "log" || ax.visible === false || ax.showticklabels === false) continue;
    const labels = Array.from(div.querySelectorAll("g." + ax._id + "tick > text")).map((t) => t.__data__).filter((d) => d && String(d.text).trim() !== "");
    const bad = [];
    for (const d of labels) {
      const parsed = value(d.text);
      const at = Math.pow(10, d.x);
      if (!parsed) bad.push('"' + d.text + '" (not a number or a power of ten)');
      else if (Math.abs(parsed.v - at) > 1e-6 * at) bad.push('"' + d.text + '" at ' + (+at.toPrecision(3)));
      else if (!parsed.power && (at >= 1e4 || at < 1e-3)) bad.push('"' + d.text + '" (write it as a power of ten)');
    }
    if (bad.length) problems.push("log axis " + ax._id + " (" + short((ax.title && ax.title.text) || "") + ") labels: " + bad.slice(0, 4).join(", ") + (bad.length > 4 ? ", …" : ""));
  }
  return problems;
}`;

export const TEXT_COUNTS = String.raw`(div) => {
  const out = [];
  (div._fullData || []).forEach((t, i) => {
    if (t.type !== "scatter" || !String(t.mode || "").includes("text") || t.visible !== true) return;
    const want = (Array.isArray(t.text) ? t.text : []).filter((s) => String(s).trim() !== "").length;
    const layer = div.querySelectorAll(".scatterlayer .trace")[t.index];
    const drawn = layer ? Array.from(layer.querySelectorAll(".textpoint text")).filter((e) => e.textContent.trim() !== "").length : 0;
    out.push({ trace: t.name || "trace " + i, want, drawn });
  });
  return out;
}`;

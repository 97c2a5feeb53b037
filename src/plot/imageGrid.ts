/**
 * A grid of small images: MNIST digits, conv filters, feature maps, effective receptive fields.
 * Each image is one heatmap panel with row 0 at the top and square pixels.
 */
import { listArg, numberList, oneOf, optionalInt } from "../args";
import { ArgumentError, check, ShapeError, show } from "../errors";
import type { Figure } from "../display/notebook";
import { figureOptions, grid, panelTitle, titleOf } from "./layout";

const FN = "plot.imageGrid";
const KEYS = ["title", "titles", "cols", "colorscale", "diverging", "scale", "panelSize", "zLabel"];
import { readable } from "./readable";

/** Images as a list of 2-D arrays, or as a flat buffer with shape [n, h, w] or [n, 1, h, w] (a Tensor fits). */
export type Images = ArrayLike<number>[][] | { data: ArrayLike<number>; shape: readonly number[] };

export interface ImageGridOptions {
  title?: string;
  /** One caption per image (e.g. the label, or "filter 3"). */
  titles?: string[];
  /** Images per row (default 8). */
  cols?: number;
  /** Plotly colour scale. Default "Greys" (0 white, 1 black) or "RdBu" when `diverging`. */
  colorscale?: string;
  /** Centre the colour scale on 0 (for filters and gradients, which have both signs). */
  diverging?: boolean;
  /** Colour range shared by all images (default) or per image. */
  scale?: "shared" | "each";
  /** Pixel size of one panel (default 90). */
  panelSize?: number;
  /** Colour bar title (shown once), e.g. "pixel intensity" or "weight". */
  zLabel?: string;
}

/** The images as a list of row arrays. */
export function toImageList(images: Images): number[][][] {
  if (Array.isArray(images))
    return images.map((img, k) => {
      listArg(FN, `images[${k}]`, img, { what: "rows of pixel values (a 2-D array)", example: "[[0, 1], [1, 0]]" });
      // NaN pixels are left blank (they do not count towards the colour range)
      return (img as unknown[]).map((r, i) => numberList(FN, `images[${k}][${i}]`, r, { gaps: true }));
    });
  const t = images as { data?: ArrayLike<number>; shape?: readonly number[] } | null | undefined;
  check(
    typeof t === "object" && t !== null && Array.isArray(t.shape) && t.data !== undefined,
    () =>
      new ArgumentError({
        fn: FN,
        arg: "images",
        expected: "a tensor of shape [n, h, w] or [n, 1, h, w], or a list of 2-D arrays",
        received: show(images),
        fix:
          images === null || images === undefined
            ? "Pass the images (e.g. a batch X of MNIST digits); check that the cell making them ran."
            : "Pass a tensor such as X (shape [n, 1, 28, 28]) or a list [[[0, 1], [1, 0]]] of 2-D arrays.",
      }),
  );
  const { data, shape } = t as { data: ArrayLike<number>; shape: readonly number[] };
  const dims = shape.filter((_, i) => !(shape.length === 4 && i === 1 && shape[1] === 1));
  const [n, h, w] = dims.length === 3 ? dims : dims.length === 2 ? [1, dims[0], dims[1]] : [NaN, NaN, NaN];
  if (!(n * h * w === data.length)) {
    throw new ShapeError({
      fn: "plot.imageGrid",
      arg: "images",
      expected: "a list of 2-D arrays, or data with shape [n, h, w] or [n, 1, h, w]",
      received: `shape [${shape.join(", ")}] with ${data.length} values`,
      fix: "For conv filters of shape [out, in, k, k], pick one input channel or reshape to [out * in, k, k].",
    });
  }
  return Array.from({ length: n }, (_, k) =>
    Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => data[k * h * w + i * w + j])),
  );
}

/**
 * Image grid.
 * @example
 * gl.plot.imageGrid([[[0, 1], [1, 0]], [[1, 0], [0, 1]]], { title: "Two tiny images", titles: ["a", "b"] });
 */
export function imageGrid(images: Images, opts: ImageGridOptions = {}): Figure {
  opts = figureOptions<ImageGridOptions>(FN, opts, KEYS);
  optionalInt(FN, "cols", opts.cols, 8, { min: 1 });
  if (opts.scale !== undefined && opts.scale !== null) oneOf(FN, "scale", opts.scale, ["shared", "each"]);
  if (opts.titles !== undefined && opts.titles !== null)
    listArg(FN, "titles", opts.titles, { what: "captions, one per image", example: '["0", "1", "2"]' });
  const list = toImageList(images);
  const cols = Math.max(1, Math.min(opts.cols ?? 8, list.length || 1));
  const rows = Math.max(1, Math.ceil(list.length / cols));
  // sizes in pixels: square panels, a small gap between columns, room for captions between rows
  // a few images get bigger panels: a figure should not be a strip a couple of hundred pixels tall
  const panel = opts.panelSize ?? (list.length <= 4 ? 150 : list.length <= 16 ? 110 : 90);
  const colGap = 6;
  const rowGap = opts.titles ? 24 : 6;
  const areaW = cols * panel + (cols - 1) * colGap;
  const areaH = rows * panel + (rows - 1) * rowGap;
  const cells = grid(list.length, cols, colGap / areaW, rowGap / areaH);
  let low = Infinity;
  let high = -Infinity;
  for (const img of list)
    for (const r of img)
      for (const v of r) {
        if (!Number.isFinite(v)) continue;
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
  if (opts.diverging) {
    const m = Math.max(Math.abs(low), Math.abs(high)) || 1;
    [low, high] = [-m, m];
  }
  const shared = (opts.scale ?? "shared") === "shared";
  const margin = { l: 20, r: shared ? 110 : 20, t: 70 + (opts.titles ? rowGap : 0), b: 20 };
  // wide enough for the title (about 9.5 px per character at plotly's title size): the images
  // keep their size, the extra width goes to the right margin
  const title = opts.title ?? "Images";
  margin.r += Math.max(0, Math.ceil(title.length * 9.5 + 60) - (areaW + margin.l + margin.r));
  const layout: Record<string, unknown> = {
    title: titleOf(title),
    showlegend: false,
    width: areaW + margin.l + margin.r,
    height: areaH + margin.t + margin.b,
    margin,
  };
  const annotations: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const data = list.map((img, i) => {
    const c = cells[i];
    layout[c.xKey] = { domain: c.xDomain, anchor: c.yref, visible: false, constrain: "domain" };
    layout[c.yKey] = {
      domain: c.yDomain,
      anchor: c.xref,
      visible: false,
      autorange: "reversed",
      scaleanchor: c.xref,
      constrain: "domain",
    };
    if (opts.titles?.[i] !== undefined) annotations.push(panelTitle(opts.titles[i], c));
    // a thin frame: an image's white pixels would otherwise run into the page
    shapes.push({
      type: "rect",
      xref: `${c.xref} domain`,
      yref: `${c.yref} domain`,
      x0: 0,
      x1: 1,
      y0: 0,
      y1: 1,
      line: { color: "#888", width: 1 },
    });
    return {
      type: "heatmap",
      z: img,
      xaxis: c.xref,
      yaxis: c.yref,
      colorscale: opts.colorscale ?? (opts.diverging ? "RdBu" : "Greys"),
      reversescale: !opts.colorscale && !opts.diverging,
      ...(shared && Number.isFinite(low) ? { zmin: low, zmax: high } : opts.diverging ? { zmid: 0 } : {}),
      showscale: shared ? i === 0 : false,
      ...(shared && i === 0 ? { colorbar: { title: { text: opts.zLabel ?? "value" } } } : {}),
    };
  });
  if (annotations.length) layout.annotations = annotations;
  layout.shapes = shapes;
  return readable({ data, layout });
}

/**
 * gl.summary: a model's table of layers — output shape, parameters (trainable or frozen),
 * multiply-accumulates and theoretical receptive field per layer, with totals — computed by
 * output-size arithmetic on the layers' configuration. No forward pass and no weights: a
 * VGG-16 spec costs nothing, and a Module is read from its config and its parameters' shapes.
 * MACs count conv and linear layers (torchvision's convention; FLOPs ≈ 2 × MACs).
 */
import { ArgumentError, check, show } from "./errors";
import { isModule, specFromModule } from "./arith/fromModule";
import type { LayerSpec } from "./arith/layerSpec";
import { walkSpec } from "./arith/walk";
import type { Module } from "./nn/module";
import { showHTML } from "./display/notebook";

export interface SummaryRow {
  /** Dotted path, e.g. "layer1.0.conv1". */
  name: string;
  /** Class of the layer ("Conv2d", "ReLU", ...); "Residual" for the row where a block adds its shortcut. */
  type: string;
  /** Nesting depth (for indentation). */
  depth: number;
  outputShape: number[];
  params: number;
  trainableParams: number;
  /** Multiply-accumulates for the whole input batch. */
  macs: number;
  /** Receptive field in input pixels: a number when height and width agree, else [h, w]; null once the spatial layout is gone. */
  receptiveField: number | [number, number] | null;
}

export interface SummaryTotals {
  params: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Multiply-accumulates for the whole input batch. */
  macs: number;
  /** Values in all layer outputs (what a forward pass keeps for backward, roughly). */
  activations: number;
  /** activations × 4 bytes (float32). */
  activationBytes: number;
  /** params × 4 bytes (float32). */
  paramBytes: number;
}

const fmtInt = (n: number): string => n.toLocaleString("en-US");

/** 15470264320 -> "15.47 G". */
export function humanCount(n: number): string {
  const units: [number, string][] = [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [v, u] of units) if (Math.abs(n) >= v) return `${(n / v).toFixed(2)} ${u}`;
  return String(n);
}

function humanBytes(n: number): string {
  const units: [number, string][] = [
    [2 ** 30, "GiB"],
    [2 ** 20, "MiB"],
    [2 ** 10, "KiB"],
  ];
  for (const [v, u] of units) if (n >= v) return `${(n / v).toFixed(2)} ${u}`;
  return `${n} B`;
}

const escapeHTML = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The result of gl.summary: rows and totals as plain data, plus text and HTML renderings. */
export class Summary {
  constructor(
    readonly rows: SummaryRow[],
    readonly totals: SummaryTotals,
    readonly inputShape: number[],
    readonly title: string,
  ) {}

  private cells(): string[][] {
    return this.rows.map((r) => [
      "  ".repeat(r.depth) + r.name,
      r.type,
      show(r.outputShape),
      r.type === "Residual" ? "" : fmtInt(r.params) + (r.trainableParams < r.params ? " (frozen)" : ""),
      r.type === "Residual" ? "(add)" : fmtInt(r.macs),
      r.receptiveField === null
        ? "-"
        : Array.isArray(r.receptiveField)
          ? `${r.receptiveField[0]}×${r.receptiveField[1]}`
          : String(r.receptiveField),
    ]);
  }

  private footer(): string[] {
    const t = this.totals;
    return [
      `Total params: ${fmtInt(t.params)} (${humanCount(t.params)})`,
      `Trainable params: ${fmtInt(t.trainableParams)}`,
      `Non-trainable params: ${fmtInt(t.nonTrainableParams)}`,
      `MACs: ${fmtInt(t.macs)} (${humanCount(t.macs)}; FLOPs ≈ 2 × MACs; conv and linear layers only)`,
      `Activations: ${fmtInt(t.activations)} values (${humanBytes(t.activationBytes)} in float32); params ${humanBytes(t.paramBytes)}`,
    ];
  }

  /** A plain-text table (what console.log shows). */
  toText(): string {
    const header = ["Layer", "Type", "Output shape", "Params", "MACs", "RF"];
    const body = this.cells();
    const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
    const right = [false, false, false, true, true, true];
    const line = (cells: string[]): string =>
      cells.map((s, c) => (right[c] ? s.padStart(widths[c]) : s.padEnd(widths[c]))).join("  ");
    const rule = "─".repeat(widths.reduce((a, b) => a + b + 2, -2));
    return [
      `${this.title} — input ${show(this.inputShape)}`,
      rule,
      line(header),
      rule,
      ...body.map(line),
      rule,
      ...this.footer(),
    ].join("\n");
  }

  toString(): string {
    return this.toText();
  }

  /** An HTML table for a notebook. */
  toHTML(): string {
    const header = ["Layer", "Type", "Output shape", "Params", "MACs", "Receptive field"];
    const th = header.map((h) => `<th style="text-align:left">${h}</th>`).join("");
    const trs = this.cells()
      .map((cells, i) => {
        const frozen = this.rows[i].trainableParams < this.rows[i].params;
        const tds = cells
          .map(
            (c, k) =>
              `<td style="text-align:${k >= 3 ? "right" : "left"};${k === 0 ? `padding-left:${0.5 + 1.2 * this.rows[i].depth}em` : ""}">${escapeHTML(k === 0 ? c.trim() : c)}</td>`,
          )
          .join("");
        return `<tr${frozen ? ' style="color:#777"' : ""}>${tds}</tr>`;
      })
      .join("");
    const foot = this.footer()
      .map((f) => `<div>${escapeHTML(f)}</div>`)
      .join("");
    return `<div class="gradlab-summary"><b>${escapeHTML(this.title)}</b> — input ${escapeHTML(show(this.inputShape))}<table><thead><tr>${th}</tr></thead><tbody>${trs}</tbody></table>${foot}</div>`;
  }

  /** Shows the HTML table in a tslab notebook, or prints the text table elsewhere. */
  display(): void {
    showHTML(this.toHTML(), this.toText());
  }

  /** What console.log and a notebook cell's echo show: the text table, not the object. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toText();
  }
}

/**
 * Summarizes a model layer by layer without running it or allocating weights.
 * `model` is a Module or layer specs (gl.arith.models.vgg16() etc.); `inputShape` includes the
 * batch ([1, 3, 224, 224]); a spec with its own inputShape may omit it.
 * @example
 * const s = gl.summary(gl.arith.models.vgg16());
 * s.totals.params;   // 138357544
 * console.log(s.toText());
 */
export function summary(model: Module | LayerSpec | LayerSpec[], inputShape?: number[]): Summary {
  const fn = "summary";
  check(
    isModule(model) || Array.isArray(model) || (typeof model === "object" && model !== null && "type" in model),
    () =>
      new ArgumentError({
        fn,
        arg: "model",
        expected: "a gl.nn model, a layer spec or a list of layer specs",
        received: show(model),
        fix: "Pass the model itself: gl.summary(model, [1, 1, 28, 28]).",
      }),
  );
  const spec = isModule(model) ? specFromModule(model) : model;
  const own = !Array.isArray(spec) && spec.type === "Sequential" ? spec.inputShape : undefined;
  const shape = inputShape ?? own;
  check(
    Array.isArray(shape) && shape.length >= 2 && shape.every((d) => Number.isInteger(d) && d >= 1),
    () =>
      new ArgumentError({
        fn,
        arg: "inputShape",
        expected:
          "the input's shape with the batch axis first, e.g. [1, 3, 224, 224] for one RGB image or [1, 784] for one flat MNIST digit",
        received: show(shape),
        fix: "Shapes are needed to size each layer's output; pass one as the second argument.",
      }),
  );
  const walked = walkSpec(spec, shape!, { fn });
  const rows: SummaryRow[] = walked.map((r) => ({
    name: r.name,
    type: r.type,
    depth: r.depth,
    outputShape: r.outputShape ?? [],
    params: r.params,
    trainableParams: r.trainableParams,
    macs: r.macs ?? 0,
    receptiveField:
      r.rf === null ? null : r.rf.height.r === r.rf.width.r ? r.rf.height.r : [r.rf.height.r, r.rf.width.r],
  }));
  const leaves = walked.filter((r) => !r.container);
  const params = leaves.reduce((a, r) => a + r.params, 0);
  const trainableParams = leaves.reduce((a, r) => a + r.trainableParams, 0);
  const macs = leaves.reduce((a, r) => a + (r.macs ?? 0), 0);
  const activations = walked.reduce((a, r) => a + (r.outputShape ? r.outputShape.reduce((x, y) => x * y, 1) : 0), 0);
  const title = isModule(model)
    ? (model as object).constructor.name
    : !Array.isArray(spec) && spec.name
      ? spec.name
      : "model";
  return new Summary(
    rows,
    {
      params,
      trainableParams,
      nonTrainableParams: params - trainableParams,
      macs,
      activations,
      activationBytes: 4 * activations,
      paramBytes: 4 * params,
    },
    [...shape!],
    title,
  );
}

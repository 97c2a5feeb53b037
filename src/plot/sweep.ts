/**
 * A parameter sweep with a slider and a play button: one plotly frame per value, all computed in
 * the kernel beforehand, so the slider works in a saved notebook or an HTML export with no kernel
 * running (e.g. learning rate → loss curve, or negative slope → leaky ReLU and its derivative).
 */
import { fnArg, numberList, optionalInt, optionalNum } from "../args";
import { ArgumentError, check } from "../errors";
import type { Figure } from "../display/notebook";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { readable } from "./readable";

const FN = "plot.sweep";
const KEYS = [...FIGURE_KEYS, "values", "label", "frame", "format", "initial", "xRange", "yRange", "duration"];

/** A fixed axis range: two different finite numbers (high before low reverses the axis, as for images). */
function rangeArg(arg: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const [lo, hi] = numberList(FN, arg, value, { length: 2, lengthOf: "[low, high]" });
  check(
    lo !== hi,
    () =>
      new ArgumentError({
        fn: FN,
        arg,
        expected: "[low, high]: two different numbers",
        received: `[${lo}, ${hi}]`,
        fix: `Give the axis some room, e.g. ${arg}: [${lo - 1}, ${hi + 1}].`,
      }),
  );
}

export interface SweepSpec extends FigureOptions {
  /** The parameter values, one frame each. */
  values: readonly number[];
  /** The parameter's name, shown on the slider (e.g. "learning rate"). */
  label: string;
  /** The traces to show for one value (same number and kinds of traces for every value). */
  frame: (value: number) => Record<string, unknown>[];
  /** How a value is written on the slider (default: 3 significant digits). */
  format?: (value: number) => string;
  /** Index of the value shown first (default 0). */
  initial?: number;
  /** Fixed axis ranges, so the axes do not jump between frames (recommended). */
  xRange?: [number, number];
  yRange?: [number, number];
  /** Milliseconds per frame when playing (default 300). */
  duration?: number;
}

/**
 * Slider sweep figure.
 * @example
 * const xs = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);
 * gl.plot.sweep({ values: [0.01, 0.1, 0.3], label: "alpha", title: "Leaky ReLU", xLabel: "x", yLabel: "f(x)",
 *   frame: (a) => [{ type: "scatter", x: xs, y: xs.map((x) => (x > 0 ? x : a * x)), name: "f" }], yRange: [-2, 4] });
 */
export function sweep(spec: SweepSpec): Figure {
  spec = figureOptions<SweepSpec>(FN, spec, KEYS, "spec");
  check(
    spec.values !== undefined && spec.values !== null && spec.frame !== undefined && spec.frame !== null,
    () =>
      new ArgumentError({
        fn: FN,
        arg: spec.values === undefined || spec.values === null ? "values" : "frame",
        expected: "a spec { values, label, frame } (values: the parameter values; frame: value → traces)",
        received: `a spec without '${spec.values === undefined || spec.values === null ? "values" : "frame"}'`,
        fix: 'Write gl.plot.sweep({ values: [0.01, 0.1], label: "lr", frame: (v) => [{ type: "scatter", x, y: f(v) }] }).',
      }),
  );
  const values = numberList(FN, "values", spec.values);
  const label = spec.label === undefined || spec.label === null ? "value" : String(spec.label);
  fnArg(FN, "frame", spec.frame, '(v) => [{ type: "scatter", x: xs, y: xs.map((x) => v * x) }]');
  if (spec.format !== undefined && spec.format !== null) fnArg(FN, "format", spec.format, "(v) => v.toFixed(2)");
  else spec.format = undefined;
  rangeArg("xRange", spec.xRange);
  rangeArg("yRange", spec.yRange);
  optionalNum(FN, "duration", spec.duration, 300, { min: 0 });
  if (values.length === 0) {
    throw new ArgumentError({
      fn: "plot.sweep",
      arg: "values",
      expected: "at least one value",
      received: "an empty list",
      fix: "Pass e.g. values: [0.001, 0.01, 0.1].",
    });
  }
  const format = spec.format ?? ((v: number) => String(+v.toPrecision(3)));
  const names = values.map((v, i) => `${i}: ${format(v)}`);
  const frames = values.map((v, i) => {
    const data = spec.frame(v);
    check(
      Array.isArray(data) && data.every((t) => typeof t === "object" && t !== null),
      () =>
        new ArgumentError({
          fn: FN,
          arg: "frame",
          expected: "a function returning a list of traces for each value",
          received: `frame(${v}) returned ${Array.isArray(data) ? "a list holding a non-object" : typeof data}`,
          fix: 'Return a list, e.g. (v) => [{ type: "scatter", x: xs, y: ys(v) }] (one trace object per line).',
        }),
    );
    return { name: names[i], data };
  });
  const counts = frames.map((f) => f.data.length);
  if (counts.some((c) => c !== counts[0])) {
    throw new ArgumentError({
      fn: "plot.sweep",
      arg: "frame",
      expected: "the same number of traces for every value (plotly animates trace k into trace k)",
      received: `trace counts ${JSON.stringify(counts)}`,
      fix: "Return placeholder traces with empty x/y where a value has fewer lines.",
    });
  }
  const initial = optionalInt(FN, "initial", spec.initial, 0, {
    min: 0,
    max: values.length - 1,
    fix: `'initial' is the index of the value shown first: 0 … ${values.length - 1}.`,
  });
  const duration = spec.duration ?? 300;
  const animate = (frameNames: string[] | null, ms: number): unknown[] => [
    frameNames,
    { mode: "immediate", frame: { duration: ms, redraw: true }, transition: { duration: 0 }, fromcurrent: true },
  ];
  const layout = baseLayout(spec, { title: `Sweep over ${label}`, xLabel: "x", yLabel: "y" });
  if (spec.xRange) (layout.xaxis as Record<string, unknown>).range = spec.xRange;
  if (spec.yRange) (layout.yaxis as Record<string, unknown>).range = spec.yRange;
  return readable({
    data: frames[initial].data,
    frames,
    layout: {
      ...layout,
      sliders: [
        {
          active: initial,
          currentvalue: { prefix: `${label} = `, font: { size: 14 } },
          pad: { t: 50 },
          steps: values.map((v, i) => ({ method: "animate", label: format(v), args: animate([names[i]], 0) })),
        },
      ],
      updatemenus: [
        {
          type: "buttons",
          direction: "left",
          x: 0,
          y: 0,
          xanchor: "right",
          yanchor: "top",
          pad: { t: 60, r: 10 },
          showactive: false,
          buttons: [
            { label: "Play", method: "animate", args: animate(null, duration) },
            {
              label: "Pause",
              method: "animate",
              args: [[null], { mode: "immediate", frame: { duration: 0, redraw: false }, transition: { duration: 0 } }],
            },
          ],
        },
      ],
    },
  });
}

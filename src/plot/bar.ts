/** Bar chart: one value per named category (e.g. parameters per layer), optionally several groups. */
import type { Figure } from "../display/notebook";
import { listArg, numberList, objectArg, oneOf } from "../args";
import { baseLayout, FIGURE_KEYS, figureOptions, FigureOptions } from "./layout";
import { plain } from "./line";
import { readable } from "./readable";

/** One group of bars: a value per category. */
export interface BarGroup {
  name?: string;
  values: ArrayLike<number>;
}

export interface BarOptions extends FigureOptions {
  /** Bars side by side ("group", default) or stacked ("stack"). */
  mode?: "group" | "stack";
  /** Horizontal bars (categories on the y axis). */
  horizontal?: boolean;
}

const FN = "plot.bar";

/**
 * Bar chart. A value NaN or null draws no bar (a gap).
 * @example
 * gl.plot.bar(["conv1", "conv2", "fc"], [{ name: "params", values: [80, 1168, 8010] }],
 *             { title: "Parameters per layer", xLabel: "layer", yLabel: "parameters", logY: true });
 */
export function bar(categories: string[], groups: BarGroup[] | ArrayLike<number>, opts: BarOptions = {}): Figure {
  opts = figureOptions<BarOptions>(FN, opts, [...FIGURE_KEYS, "mode", "horizontal"]);
  if (opts.mode !== undefined && opts.mode !== null) oneOf(FN, "mode", opts.mode, ["group", "stack"]);
  listArg(FN, "categories", categories, { what: "category names", example: '["conv1", "conv2", "fc"]' });
  const perCategory = { gaps: true, length: categories.length, lengthOf: "'categories'" };
  const grouped = Array.isArray(groups) && groups.length > 0 && typeof groups[0] === "object" && groups[0] !== null;
  const list: BarGroup[] = grouped ? (groups as BarGroup[]) : [{ values: groups as ArrayLike<number> }];
  if (grouped)
    list.forEach((g, i) => {
      objectArg(FN, `groups[${i}]`, g, {
        what: "a group { name, values }",
        fix: 'Write each group as { name: "params", values: [80, 1168] }.',
      });
      numberList(FN, `groups[${i}].values`, g.values, perCategory);
    });
  else numberList(FN, "groups", groups, perCategory);
  const data = list.map((g) => {
    const values = plain(g.values);
    return {
      type: "bar",
      ...(opts.horizontal ? { y: categories, x: values, orientation: "h" } : { x: categories, y: values }),
      ...(g.name !== undefined ? { name: g.name } : {}),
    };
  });
  const layout = baseLayout(opts, { title: "Bar chart", xLabel: "category", yLabel: "value" });
  return readable({ data, layout: { ...layout, barmode: opts.mode ?? "group", showlegend: list.length > 1 } });
}

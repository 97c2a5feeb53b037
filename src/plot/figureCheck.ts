/**
 * The check of a figure handed to the display (or to `readable`): a plain object with a `data`
 * list of traces, and optional layout/config objects and frames list (internal: not part of gl.plot).
 */
import { ArgumentError, check, show } from "../errors";
import type { Figure } from "../display/notebook";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Throws a teaching error naming `fn` and `arg` unless `value` is a plotly figure. */
export function figureArg(fn: string, arg: string, value: unknown): Figure {
  const example = `{ data: [{ type: "scatter", x: [1, 2], y: [3, 4] }], layout: { title: { text: "…" } } }`;
  check(
    isObject(value) && Array.isArray(value.data),
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: `a figure: an object with a 'data' list of traces, e.g. ${example}`,
        received: isObject(value)
          ? `an object without a 'data' list (keys: ${Object.keys(value).join(", ") || "none"})`
          : show(value),
        fix:
          value === null || value === undefined
            ? `Pass the figure a builder returned (gl.plot.line(...), gl.plot.heatmap(...)); check that the cell making it ran.`
            : `Build it with a gl.plot builder, or write it as ${example}.`,
      }),
  );
  (value.data as unknown[]).forEach((t, i) =>
    check(
      isObject(t),
      () =>
        new ArgumentError({
          fn,
          arg: `${arg}.data[${i}]`,
          expected: 'a trace: an object such as { type: "scatter", x: [...], y: [...] }',
          received: show(t),
          fix: `Each entry of '${arg}.data' is one trace object; remove the ${show(t)}.`,
        }),
    ),
  );
  for (const key of ["layout", "config"] as const)
    check(
      value[key] === undefined || isObject(value[key]),
      () =>
        new ArgumentError({
          fn,
          arg: `${arg}.${key}`,
          expected: `an object (plotly's ${key})`,
          received: show(value[key]),
          fix: `Write ${key} as an object, e.g. ${key === "layout" ? '{ title: { text: "…" } }' : "{ responsive: true }"}, or leave it out.`,
        }),
    );
  check(
    value.frames === undefined || Array.isArray(value.frames),
    () =>
      new ArgumentError({
        fn,
        arg: `${arg}.frames`,
        expected: "a list of frames",
        received: show(value.frames),
        fix: "Write frames as a list [{ name, data }], or leave it out.",
      }),
  );
  return value as unknown as Figure;
}

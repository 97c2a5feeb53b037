/**
 * `gl.plot.show` and the rest of the notebook display as the learner calls it: each checks its
 * arguments first (also outside a notebook, where it prints a summary instead), then hands them to
 * the notebook floor (display/notebook.ts), which knows nothing about figure contents and sits
 * below the checking layer. A figure passes through `readable` (log ticks, ranges over every
 * slider frame, colours, aspect) before it is shown.
 */
import {
  Figure,
  figureHTML as displayFigureHTML,
  liveDisplay as displayLive,
  LiveDisplay,
  scriptSafeJSON as displayJSON,
  show as display,
  showHTML as displayHTML,
} from "../display/notebook";
import { ArgumentError, check, show as showValue } from "../errors";
import { figureArg } from "./figureCheck";
import { readable } from "./readable";

/** Text for the display: a string (html, a fallback, a progress line). */
function textArg(fn: string, arg: string, value: unknown): string {
  check(
    typeof value === "string",
    () =>
      new ArgumentError({
        fn,
        arg,
        expected: "a string",
        received: showValue(value),
        fix:
          value === null || value === undefined
            ? `Pass the text to show as '${arg}', e.g. "<b>done</b>".`
            : "Make it a string first, e.g. String(value) or a template `…`.",
      }),
  );
  return value;
}

const optionalText = (fn: string, arg: string, value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : textArg(fn, arg, value);

/**
 * Displays a plotly figure in the notebook (interactive, offline), with gradlab's readability
 * defaults applied; outside a notebook it prints a one-line summary.
 * @example gl.plot.show({ data: [{ x: [1, 10, 100], y: [3, 2, 1], type: "scatter" }], layout: { title: { text: "decades" }, xaxis: { type: "log" } } });
 */
export function show(fig: Figure): void {
  display(readable(figureArg("plot.show", "fig", fig)));
}

/** Displays HTML (tables, notes) in the notebook; prints `fallbackText` (or the HTML) elsewhere. */
export function showHTML(html: string, fallbackText?: string): void {
  displayHTML(textArg("plot.showHTML", "html", html), optionalText("plot.showHTML", "fallbackText", fallbackText));
}

/**
 * The small HTML output for one figure (a placeholder div and the script that draws into it);
 * `id` (default: a fresh one) is the div's element id.
 */
export function figureHTML(fig: Figure, id?: string): string {
  figureArg("plot.figureHTML", "fig", fig);
  if (id === undefined || id === null) return displayFigureHTML(fig);
  check(
    typeof id === "string" && /^[A-Za-z][\w-]*$/.test(id),
    () =>
      new ArgumentError({
        fn: "plot.figureHTML",
        arg: "id",
        expected: "an element id: a letter, then letters, digits, - or _",
        received: showValue(id),
        fix: `Use an id such as "fig-1", or leave it out for a fresh one.`,
      }),
  );
  return displayFigureHTML(fig, id);
}

/** JSON that is safe inside a <script> element (undefined, functions and cycles, which have none, are refused). */
export function scriptSafeJSON(value: unknown): string {
  const refuse = (received: string) =>
    new ArgumentError({
      fn: "plot.scriptSafeJSON",
      arg: "value",
      expected: "a value JSON can write (numbers, strings, lists, plain objects)",
      received,
      fix: "undefined and functions have no JSON form, and cycles and BigInts none either: pass plain data (t.toList() for a tensor).",
    });
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw refuse(`a value JSON.stringify refuses (${(e as Error).message})`);
  }
  check(json !== undefined, () => refuse(showValue(value)));
  return displayJSON(value);
}

/**
 * A live display: each call replaces what it showed before (in a terminal, text rewrites one line).
 * Its methods check what they are given, as `show` and `showHTML` do.
 */
export function liveDisplay(): LiveDisplay {
  const live = displayLive();
  return {
    figure: (fig) => live.figure(figureArg("plot.liveDisplay.figure", "fig", fig)),
    html: (html, fallback) =>
      live.html(
        textArg("plot.liveDisplay.html", "html", html),
        optionalText("plot.liveDisplay.html", "fallbackText", fallback),
      ),
    text: (text) => live.text(textArg("plot.liveDisplay.text", "text", text)),
  };
}

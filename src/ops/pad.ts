/**
 * Padding: adds entries before and after each axis. With `mode: "constant"` they hold `value`
 * (0 by default: the zero padding of a convolution); "reflect", "replicate" and "circular" copy
 * them from the tensor itself (mirror without repeating the edge, repeat the edge, wrap around):
 *   constant [1 2 3] pad 2 -> 0 0 1 2 3 0 0      reflect   -> 3 2 1 2 3 2 1
 *   replicate              -> 1 1 1 2 3 3 3      circular  -> 2 3 1 2 3 1 2
 * Backward: every output entry that was copied from x sends its gradient back there (summed).
 */
import { num, options, suggestion } from "../args";
import { ArgumentError, ShapeError, check, show } from "../errors";
import { MAX_ELEMENTS } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { checkTensor, take } from "./indexing";

export type PadMode = "constant" | "reflect" | "replicate" | "circular";

export interface PadOptions {
  /** How the new entries are filled (default "constant"). */
  mode?: PadMode;
  /** The fill value for mode "constant" (default 0; ±Infinity allowed, e.g. −Infinity before a max). */
  value?: number;
}

/** Turns either padding form into one [before, after] pair per axis, first axis first. */
function padPairs(x: Tensor, padding: readonly number[] | readonly (readonly number[])[]): [number, number][] {
  const rank = x.rank;
  const bad = (expected: string, received: string, fix?: string): ArgumentError =>
    new ArgumentError({
      fn: "pad",
      arg: "padding",
      expected,
      received,
      fix:
        fix ??
        "Give whole sizes ≥ 0: [[before, after], ...] pairs for the last axes, or a flat list [left, right, ...].",
    });
  check(Array.isArray(padding), () =>
    bad("an array of [before, after] pairs, or a flat PyTorch-style list", show(padding)),
  );
  let pairs: [number, number][];
  if (padding.every((p) => Array.isArray(p))) {
    // explicit form: [[before, after], ...] aligned with the LAST axes (like broadcasting)
    const list = padding as readonly (readonly number[])[];
    check(list.length <= rank && list.every((p) => p.length === 2), () =>
      bad(
        `at most ${rank} [before, after] pairs (one per axis of shape ${show(x.shape)})`,
        show(list as unknown[]),
        "Pairs apply to the last axes: [[1, 1], [1, 1]] pads H and W of an NCHW batch.",
      ),
    );
    pairs = [
      ...Array.from({ length: rank - list.length }, () => [0, 0] as [number, number]),
      ...list.map((p) => [p[0], p[1]] as [number, number]),
    ];
  } else {
    // PyTorch's flat form: [left, right, top, bottom, ...] starting from the LAST axis
    const flat = padding as readonly number[];
    check(flat.length % 2 === 0 && flat.length / 2 <= rank, () =>
      bad(
        `an even number of sizes, at most ${2 * rank} (before/after for each of the ${rank} axes, last axis first)`,
        `${show(flat as unknown[])} (${flat.length} sizes)`,
        "PyTorch's order is [lastBefore, lastAfter, secondLastBefore, ...]; or pass [[before, after], ...] pairs.",
      ),
    );
    pairs = Array.from({ length: rank }, () => [0, 0] as [number, number]);
    for (let k = 0; k < flat.length / 2; k++) pairs[rank - 1 - k] = [flat[2 * k], flat[2 * k + 1]];
  }
  pairs.forEach(([before, after], axis) => {
    check(Number.isInteger(before) && Number.isInteger(after) && before >= 0 && after >= 0, () =>
      bad(
        `non-negative whole sizes (axis ${axis})`,
        `[${show(before)}, ${show(after)}]`,
        before < 0 || after < 0
          ? "To remove entries, use gl.slice or gl.narrow instead of negative padding."
          : undefined,
      ),
    );
  });
  let size = 1;
  pairs.forEach(([before, after], axis) => (size *= before + x.shape[axis] + after));
  check(
    size <= MAX_ELEMENTS,
    () =>
      new ShapeError({
        fn: "pad",
        arg: "padding",
        expected: `a padded tensor of at most ${MAX_ELEMENTS} elements`,
        received: `${show(padding as unknown[])}, which pads shape ${show(x.shape)} to ${size.toExponential(2)} elements`,
        fix: "Padding adds that many entries on each side: check the sizes (a few entries are usual).",
      }),
  );
  return pairs;
}

/** The input position each output position along one axis reads (−1: the fill value). */
function padPositions(n: number, before: number, after: number, mode: PadMode, axis: number): Int32Array {
  check(
    mode === "constant" || n > 0,
    () =>
      new ArgumentError({
        fn: "pad",
        arg: "x",
        expected: `a non-empty axis ${axis} to copy from for mode "${mode}"`,
        received: "an axis of size 0",
        fix: 'Use mode "constant" to pad an empty axis.',
      }),
  );
  const limit = mode === "reflect" ? n - 1 : mode === "constant" ? Infinity : n;
  check(
    mode === "constant" || (n > 0 && before <= limit && after <= limit),
    () =>
      new ArgumentError({
        fn: "pad",
        arg: "padding",
        expected: `at most ${limit} on each side of axis ${axis} for mode "${mode}" (the axis has size ${n})`,
        received: `[${before}, ${after}]`,
        fix: 'Use mode "constant" or "replicate" for wider padding.',
      }),
  );
  return Int32Array.from({ length: before + n + after }, (_, i) => {
    const p = i - before; // position along the unpadded axis
    if (p >= 0 && p < n) return p;
    if (mode === "constant") return -1;
    if (mode === "replicate") return p < 0 ? 0 : n - 1;
    if (mode === "reflect") return p < 0 ? -p : 2 * (n - 1) - p;
    return ((p % n) + n) % n; // circular
  });
}

/**
 * Pads x. `padding` is either one [before, after] pair per axis, aligned with the last axes
 * (`[[1, 1], [2, 2]]` pads the second-to-last axis by 1 and the last by 2 on each side), or
 * PyTorch's flat list, last axis first (`[2, 2, 1, 1]`, the same padding).
 * @example gl.pad(gl.tensor([1, 2, 3]), [[2, 1]]).toArray() // [0, 0, 1, 2, 3, 0]
 */
export function pad(
  x: Tensor,
  padding: readonly number[] | readonly (readonly number[])[],
  opts: PadOptions = {},
): Tensor {
  opts = options<typeof opts>("pad", "opts", opts, ["mode", "value"]) as typeof opts;
  checkTensor("pad", "x", x);
  const mode = opts.mode ?? "constant";
  // ±Infinity are valid fill values (−Infinity pads before a max, so padding never wins)
  const value = num("pad", "value", opts.value ?? 0, {
    allowInfinity: true,
    fix: 'value is the number the new entries get (mode "constant"), 0 by default.',
  });
  const modes = ["constant", "reflect", "replicate", "circular"];
  check(
    modes.includes(mode),
    () =>
      new ArgumentError({
        fn: "pad",
        arg: "mode",
        expected: '"constant", "reflect", "replicate" or "circular"',
        received: show(mode),
        fix:
          (typeof mode === "string" && suggestion(mode, modes)) || 'mode: "constant" (the default) fills with value.',
      }),
  );
  const pairs = padPairs(x, padding);
  const lists = pairs.map(([before, after], axis) => padPositions(x.shape[axis], before, after, mode, axis));
  return take("pad", x, lists, value);
}

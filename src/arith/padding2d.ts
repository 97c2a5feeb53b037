/**
 * 2-D padding as layers take it, and the unchecked per-axis reading the layer walk uses (its
 * specs were checked when built). Not part of gl.arith.layers: `axisPadding` is the checked one.
 */

/**
 * 2-D padding as layers take it: a number, [h, w] (the same on both sides of each axis),
 * [top, bottom, left, right] (as gl.conv2d accepts), or a mode.
 */
export type Padding2d =
  number | readonly [number, number] | readonly [number, number, number, number] | "same" | "valid";

/** axisPadding without the checks (for the layer walk, whose specs were checked). */
export function axisPaddingOf(padding: Padding2d, axis: 0 | 1): number | [number, number] | "same" | "valid" {
  if (typeof padding === "string" || typeof padding === "number") return padding;
  if (padding.length === 4) return [padding[2 * axis], padding[2 * axis + 1]];
  return padding[axis];
}

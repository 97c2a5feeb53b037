/**
 * What the autograd engine remembers of the values an op used, so that backward() can tell when
 * one of them was changed in place between the forward pass and the backward pass (PyTorch's
 * "version counter" check). A changed input makes the op's backward rule compute the gradient of
 * a function that was never evaluated: the gradient is silently wrong.
 *
 * Two signals, both cheap: the tensor's `version` (gradlab's own in-place writes — optimizer
 * steps, loadStateDict, init, resets — count up with `markChanged()`), and a sample of its values
 * (at most SAMPLES of them, evenly spaced, first and last included), which catches a learner's raw
 * writes such as `w.data[0] += 1e-3`, `x.data.fill(0)` or `x.data = other` wherever they fall on a
 * sampled position or change many values. A single write between two sampled positions of a large
 * tensor is the one change this can miss (hashing every value would slow every op).
 */
import type { DataArray, Tensor } from "./tensor";

/** How many values of a tensor are remembered (all of them when it has no more). */
export const SAMPLES = 32;

export interface Snapshot {
  readonly data: DataArray;
  readonly version: number;
  readonly values: Float64Array;
}

/** The k-th of `count` sampled positions in n values (every position when n ≤ SAMPLES). */
function position(k: number, n: number): number {
  return n <= SAMPLES ? k : Math.round((k * (n - 1)) / (SAMPLES - 1));
}

export function snapshot(t: Tensor): Snapshot {
  const { data } = t;
  const n = data.length;
  const values = new Float64Array(Math.min(n, SAMPLES));
  for (let k = 0; k < values.length; k++) values[k] = data[position(k, n)];
  return { data, version: t.version, values };
}

/** How `t` differs from `snap`, in words, or null when it still holds what the op used. */
export function changeSince(t: Tensor, snap: Snapshot): string | null {
  if (t.data !== snap.data) return "its data was replaced by another array (x.data = …)";
  if (t.version !== snap.version)
    return `it was changed in place ${t.version - snap.version} time(s) by gradlab (an optimizer step, loadStateDict or an init function)`;
  const n = t.data.length;
  for (let k = 0; k < snap.values.length; k++) {
    const i = position(k, n);
    const now = t.data[i];
    const was = snap.values[k];
    if (now !== was && !(now !== now && was !== was))
      return `its value at flat index ${i} went from ${was} to ${now} (a write into x.data)`;
  }
  return null;
}

/**
 * Parameter and buffer names between gradlab and PyTorch. Both name a state dict's entries by the
 * module path ("0.weight", "block.2.bias"); only the buffers' own names differ in case:
 *   runningMean ↔ running_mean,  runningVar ↔ running_var,  numBatchesTracked ↔ num_batches_tracked
 * Files are written with PyTorch's names, so they load into PyTorch as they are, and read back
 * with ours.
 */

/** gradlab's buffer name → PyTorch's (the last part of a dotted name). */
export const pytorchNames: Readonly<Record<string, string>> = {
  runningMean: "running_mean",
  runningVar: "running_var",
  numBatchesTracked: "num_batches_tracked",
};
const fromPyTorch = new Map(Object.entries(pytorchNames).map(([ours, theirs]) => [theirs, ours]));

function mapLast(name: string, f: (last: string) => string): string {
  const i = name.lastIndexOf(".");
  return name.slice(0, i + 1) + f(name.slice(i + 1));
}

/**
 * The PyTorch name of a gradlab state-dict entry.
 * @example gl.io.toPyTorchName("1.runningMean") // "1.running_mean"
 */
export function toPyTorchName(name: string): string {
  return mapLast(name, (last) => pytorchNames[last] ?? last);
}

/**
 * The gradlab name of a PyTorch state-dict entry.
 * @example gl.io.fromPyTorchName("features.1.num_batches_tracked") // "features.1.numBatchesTracked"
 */
export function fromPyTorchName(name: string): string {
  return mapLast(name, (last) => fromPyTorch.get(last) ?? last);
}

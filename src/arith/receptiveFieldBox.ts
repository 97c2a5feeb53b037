/**
 * The input pixels one unit's theoretical receptive field covers, as a box. From a
 * `receptiveField` row (size r, jump j, start = centre of the first unit's field) the field of
 * output unit (row, col) is centred at start + index·j and spans r pixels:
 *   first pixel = start + index·j − (r − 1)/2,   last pixel = first + r − 1.
 * With an input size the box is also clipped to the image (the rest lies in the padding).
 */
import { ArgumentError, check, show } from "../errors";

/** The fields of a `gl.arith.receptiveField(...)` row that the box needs. */
export interface ReceptiveFieldAxes {
  r: number;
  j: number;
  start: number;
  width: { r: number; j: number; start: number };
}

export interface ReceptiveFieldBox {
  /** First row and column of the field (may be negative: the field starts in the padding). */
  top: number;
  left: number;
  height: number;
  width: number;
  /** The part inside an input of the given size (null when no input size was given). */
  clipped: { top: number; left: number; height: number; width: number } | null;
}

/**
 * Box of input pixels seen by output unit `unit` = [row, col].
 * @example
 * const rows = gl.arith.receptiveField([{ kernelSize: 3 }, { kernelSize: 3 }]);
 * gl.arith.receptiveFieldBox(rows[1], [0, 0]);           // { top: 0, left: 0, height: 5, width: 5, clipped: null }
 * gl.arith.receptiveFieldBox(rows[1], [2, 2], 8).clipped; // { top: 2, left: 2, height: 5, width: 5 }
 */
export function receptiveFieldBox(
  row: ReceptiveFieldAxes,
  unit: [number, number],
  inputSize?: number | [number, number],
): ReceptiveFieldBox {
  check(
    Array.isArray(unit) && unit.length === 2 && unit.every((u) => Number.isInteger(u) && u >= 0),
    () =>
      new ArgumentError({
        fn: "receptiveFieldBox",
        arg: "unit",
        expected: "an output position [row, col] of whole numbers ≥ 0",
        received: show(unit),
      }),
  );
  const top = row.start + unit[0] * row.j - (row.r - 1) / 2;
  const left = row.width.start + unit[1] * row.width.j - (row.width.r - 1) / 2;
  const box = { top, left, height: row.r, width: row.width.r };
  if (inputSize === undefined) return { ...box, clipped: null };
  const [H, W] = typeof inputSize === "number" ? [inputSize, inputSize] : inputSize;
  const t = Math.max(top, 0);
  const l = Math.max(left, 0);
  const b = Math.min(top + row.r - 1, H - 1);
  const r = Math.min(left + row.width.r - 1, W - 1);
  return { ...box, clipped: { top: t, left: l, height: Math.max(b - t + 1, 0), width: Math.max(r - l + 1, 0) } };
}

/**
 * The input pixels one unit's theoretical receptive field covers, as a box. From a
 * `receptiveField` row (size r, jump j, start = centre of the first unit's field) the field of
 * output unit (row, col) is centred at start + index·j and spans r pixels:
 *   first pixel = start + index·j − (r − 1)/2,   last pixel = first + r − 1.
 * With an input size the box is also clipped to the image (the rest lies in the padding).
 */
import { ArgumentError, check, show } from "../errors";
import { sizePair } from "./validate";

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
  const fn = "receptiveFieldBox";
  const isNum = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v);
  const rec = row as unknown as Record<string, unknown> | null;
  check(
    typeof rec === "object" &&
      rec !== null &&
      ["r", "j", "start"].every((k) => isNum(rec[k])) &&
      typeof rec.width === "object" &&
      rec.width !== null &&
      ["r", "j", "start"].every((k) => isNum((rec.width as Record<string, unknown>)[k])),
    () =>
      new ArgumentError({
        fn,
        arg: "row",
        expected: "a row of gl.arith.receptiveField(...): { r, j, start, width: { r, j, start } }",
        received: show(row),
        fix: "Pass one row of the receptive-field table, e.g. gl.arith.receptiveField(layers)[i].",
      }),
  );
  check(
    Array.isArray(unit) && unit.length === 2 && unit.every((u) => Number.isSafeInteger(u) && u >= 0),
    () =>
      new ArgumentError({
        fn,
        arg: "unit",
        expected: "an output position [row, col] of whole numbers ≥ 0",
        received: show(unit),
        fix: "Write the output unit as [row, col], counted from 0, e.g. [0, 0] for the top-left unit.",
      }),
  );
  const top = row.start + unit[0] * row.j - (row.r - 1) / 2;
  const left = row.width.start + unit[1] * row.width.j - (row.width.r - 1) / 2;
  const box = { top, left, height: row.r, width: row.width.r };
  if (inputSize === undefined || inputSize === null) return { ...box, clipped: null };
  const [H, W] = sizePair(fn, "inputSize", inputSize, 1, "the input size");
  const t = Math.max(top, 0);
  const l = Math.max(left, 0);
  const b = Math.min(top + row.r - 1, H - 1);
  const r = Math.min(left + row.width.r - 1, W - 1);
  return { ...box, clipped: { top: t, left: l, height: Math.max(b - t + 1, 0), width: Math.max(r - l + 1, 0) } };
}

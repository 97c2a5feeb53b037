/**
 * The values a statistic or a histogram is taken of: a tensor's data (a typed array, taken as it
 * is: NaN and ±Infinity there are what the network produced, and each statistic says how it
 * treats them) or a learner's plain list, which must hold numbers only.
 */
import { numberList } from "../args";
import { ArgumentError, check, show } from "../errors";

export function valuesArg(fn: string, values: unknown, o: { nonFinite?: boolean } = {}): void {
  check(
    Array.isArray(values) || ArrayBuffer.isView(values),
    () =>
      new ArgumentError({
        fn,
        arg: "values",
        expected: "an array of numbers (or a tensor's .data)",
        received: show(values),
        fix:
          values !== null && typeof values === "object" && "data" in values
            ? "Pass the tensor's values: t.data."
            : "Pass the numbers as an array, e.g. [0.1, 0.5, 0.9], or a tensor's .data.",
      }),
  );
  if (!Array.isArray(values)) return;
  if (!o.nonFinite) {
    numberList(fn, "values", values);
    return;
  }
  const bad = values.findIndex((v) => typeof v !== "number");
  check(
    bad < 0,
    () =>
      new ArgumentError({
        fn,
        arg: `values[${bad}]`,
        expected: "a number (NaN and ±Infinity are counted apart, as nonFinite)",
        received: show(values[bad]),
        fix:
          typeof values[bad] === "string"
            ? `Pass numbers, not strings: ${Number(values[bad])}.`
            : "Flatten nested lists first (values.flat()), or pass a tensor's .data.",
      }),
  );
}

/**
 * gl.data's scalers and PCA against scikit-learn's own numbers. The reference outputs in
 * fixtures/sklearn.json were generated once by fixtures/sklearn_reference.py with Debian's
 * scikit-learn 1.2.1 (apt-get install python3-sklearn) and committed: inputs and outputs in
 * float64, so the comparison is to ~1e-12. The tests do not need Python.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as gl from "../../src";

type Table = number[][];
const ref = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../../test/data/fixtures/sklearn.json"), "utf8"),
) as Record<string, unknown> & {
  train: Table;
  test: Table;
  pcaTrain: Table;
  pcaTest: Table;
  standard: { mean: number[]; var: number[]; scale: number[]; train: Table; test: Table };
  minmax: { featureRange: [number, number]; dataMin: number[]; dataMax: number[]; train: Table; test: Table };
  pcaFull: PcaRef;
  pcaWhiten2: PcaRef & { inverse: Table };
};
interface PcaRef {
  components: Table;
  explainedVariance: number[];
  explainedVarianceRatio: number[];
  test: Table;
}

const f64 = (t: Table): gl.Tensor => gl.tensor(t, null, { dtype: "float64" });

function expectTable(actual: gl.Tensor | Table, expected: Table, tol = 1e-10): void {
  const a = actual instanceof gl.Tensor ? (actual.toArray() as Table) : actual;
  expect(a.length).to.equal(expected.length);
  expected.forEach((row, i) =>
    row.forEach((e, j) => expect(a[i][j], `[${i}][${j}]`).to.be.closeTo(e, tol * (1 + Math.abs(e)))),
  );
}

describe("gl.data scalers and PCA agree with scikit-learn", () => {
  it("StandardScaler: mean_, var_ (population, ÷ N), scale_ (1 for the constant feature), transform and inverse", () => {
    const s = new gl.data.StandardScaler().fit(f64(ref.train));
    expectTable([s.mean!, s.variance!], [ref.standard.mean, ref.standard.var]);
    // sklearn's scale_ is the std with 1 for the constant feature: its transformed column is 0, not NaN
    expectTable([s.std!.map((v) => v || 1)], [ref.standard.scale]);
    expect(ref.standard.scale[3]).to.equal(1); // the constant feature
    expectTable(s.transform(f64(ref.train)), ref.standard.train);
    expectTable(s.transform(f64(ref.test)), ref.standard.test);
    expectTable(s.inverseTransform(s.transform(f64(ref.test))), ref.test);
  });

  it("MinMaxScaler(featureRange [-1, 2]): data_min_, data_max_, transform, incl. a constant training feature", () => {
    const m = new gl.data.MinMaxScaler({ featureRange: ref.minmax.featureRange }).fit(f64(ref.train));
    expectTable([m.min!, m.max!], [ref.minmax.dataMin, ref.minmax.dataMax]);
    expectTable(m.transform(f64(ref.train)), ref.minmax.train);
    expectTable(m.transform(f64(ref.test)), ref.minmax.test); // test values of the constant column: lo + (x − min)·3
    expectTable(m.inverseTransform(m.transform(f64(ref.test))), ref.test);
  });

  it("PCA: components_ up to sign, explained_variance_ (÷ N − 1) and its ratio, transform", () => {
    const p = new gl.data.PCA().fit(f64(ref.pcaTrain));
    const signs = ref.pcaFull.components.map((row, k) =>
      Math.sign(row.reduce((s, v, j) => s + v * p.components![k][j], 0)),
    );
    expectTable(
      p.components!.map((row, k) => row.map((v) => v * signs[k])),
      ref.pcaFull.components,
    );
    expectTable(
      [p.explainedVariance!, p.explainedVarianceRatio!],
      [ref.pcaFull.explainedVariance, ref.pcaFull.explainedVarianceRatio],
    );
    const Z = p.transform(f64(ref.pcaTest)).toArray() as Table;
    expectTable(
      Z.map((row) => row.map((v, k) => v * signs[k])),
      ref.pcaFull.test,
    );
  });

  it("PCA(nComponents 2, whiten true): transform and inverseTransform as sklearn's", () => {
    const p = new gl.data.PCA({ nComponents: 2, whiten: true }).fit(f64(ref.pcaTrain));
    expect(p.components!.length).to.equal(2);
    const signs = ref.pcaWhiten2.components.map((row, k) =>
      Math.sign(row.reduce((s, v, j) => s + v * p.components![k][j], 0)),
    );
    expectTable(
      [p.explainedVariance!, p.explainedVarianceRatio!],
      [ref.pcaWhiten2.explainedVariance, ref.pcaWhiten2.explainedVarianceRatio],
    );
    const Z = p.transform(f64(ref.pcaTest));
    expectTable(
      (Z.toArray() as Table).map((row) => row.map((v, k) => v * signs[k])),
      ref.pcaWhiten2.test,
    );
    expectTable(p.inverseTransform(Z), ref.pcaWhiten2.inverse);
  });
});

/**
 * Code exercise of lesson 05 (data preprocessing): standardize(XTrain, XTest) → XTest scaled per
 * feature with the training set's statistics,
 *   x' = (x − μ_train) / σ_train,   μ, σ per column (axis 0), σ the population std (÷ N), σ = 0 → 1,
 * graded against gl.data.StandardScaler; the known wrong versions are the study notes' global
 * mean/std (no axis), the unbiased std, statistics of the test set or of all data (leakage), and
 * forgetting to centre.
 */
import { StandardScaler } from "../../data/scalers";
import { div, sub } from "../../ops/arithmetic";
import { concat } from "../../ops/join";
import { mean } from "../../ops/reduce";
import { std } from "../../ops/statistics";
import { randn, tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

const fitted = (X: Tensor, Y: Tensor): Tensor => new StandardScaler().fit(X).transform(Y);
/** Columns on scales 1, 10 and 100; the test set is shifted so its own statistics differ. */
const table = (n: number, shift: number) => (): Tensor =>
  randn([n, 3])
    .mul(tensor([1, 10, 100]))
    .add(tensor([shift, -3 + shift, 50 + 20 * shift]));
const withConstant = (): unknown[] => {
  const X = concat([randn([6, 2]).mul(3), tensor([[5], [5], [5], [5], [5], [5]])], 1);
  return [X, concat([randn([3, 2]), tensor([[4], [5], [6]])], 1)];
};

/** standardize(XTrain, XTest) → XTest standardized with XTrain's per-feature mean and population std. */
export const standardize: CodeExerciseSpec = {
  lesson: "preprocessing",
  prompt:
    "Write standardize(XTrain, XTest) → XTest standardized per feature with the training set's mean and population std (a constant feature divided by 1).",
  hint: "One mean and one std per column: reduce over axis 0, of XTrain only. Which std — ÷N or ÷(N − 1)? What if a column's std is 0?",
  signature: "standardize(XTrain, XTest) → XTest'",
  args: ["XTrain", "XTest"],
  cases: [
    { label: "a [40, 3] training set and a shifted [10, 3] test set", make: () => [table(40, 0)(), table(10, 2)()] },
    {
      label: "a [5, 3] training set (small N: ÷N and ÷(N − 1) differ a lot)",
      make: () => [table(5, 0)(), table(4, 1)()],
    },
    { label: "a training set whose last feature is constant (5)", make: withConstant },
  ],
  reference: (XTrain: Tensor, XTest: Tensor) => fitted(XTrain, XTest),
  wrong: [
    {
      name: "one global mean and std",
      fn: (XTrain: Tensor, XTest: Tensor) => div(sub(XTest, mean(XTrain)), std(XTrain, null, { unbiased: false })),
      why: "You used one mean and one std over all numbers of XTrain (np.std(x) without axis): features on different scales stay on different scales. Reduce over axis 0: one mean and std per column.",
    },
    {
      name: "unbiased std",
      fn: (XTrain: Tensor, XTest: Tensor) => div(sub(XTest, mean(XTrain, 0)), std(XTrain, 0)),
      why: "You divided by the unbiased std (÷ (N − 1), gl.std's default). StandardScaler (and scikit-learn's) uses the population std, ÷ N: pass { unbiased: false }.",
    },
    {
      name: "test statistics",
      fn: (_XTrain: Tensor, XTest: Tensor) => fitted(XTest, XTest),
      why: "You standardized XTest with its own mean and std. The test set must be transformed with the training set's statistics — fit on train, apply to test — or its shift disappears and the test is no longer honest.",
    },
    {
      name: "all-data statistics",
      fn: (XTrain: Tensor, XTest: Tensor) => fitted(concat([XTrain, XTest], 0), XTest),
      why: "You computed the statistics on training and test data together: that is data leakage. Use XTrain's statistics only.",
    },
    {
      name: "no centring",
      fn: (XTrain: Tensor, XTest: Tensor) =>
        div(XTest, tensor(new StandardScaler().fit(XTrain).std!.map((v) => v || 1))),
      why: "You divided by the std but did not subtract the training mean first: x' = (x − μ)/σ.",
    },
  ],
  explain: "Per column, training statistics, population std: exactly StandardScaler's (and scikit-learn's) transform.",
};

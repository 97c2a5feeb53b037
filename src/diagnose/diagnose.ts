/**
 * gl.diagnose: reads a training run — the History from gl.fit and, when given, the probe that
 * recorded it — and says what is wrong in words, with the measured evidence and a fix: the
 * CS231n / Karpathy checklist (initial loss vs ln C, learning rate too high or too low, no
 * learning, over- and underfitting) and the probe's instruments (update:data ratios, dead and
 * saturated units, gradients across depth). Thresholds: thresholds.ts, each with its reason.
 */
import { int, options } from "../args";
import { ArgumentError, check, show } from "../errors";
import type { StepRecord } from "../probe/records";
import { History } from "../train/history";
import { Diagnosis, Finding } from "./finding";
import { initialLoss, lossRose, noLearning, overfitting, slowDescent, underfitting } from "./lossCurve";
import { deadUnits, gradientSpan, ratioFinding, saturation, weightsFrozen } from "./probeReadings";

export interface DiagnoseOptions {
  /** The probe that recorded the run (gl.probe.attach), or its records. */
  probe?: { records: readonly StepRecord[] } | readonly StepRecord[];
  /**
   * Classes of a classification task, for the initial-loss check (ln C). Default: read from the
   * History when gl.fit saw class-index targets (y of shape [N]) and logits [N, C].
   */
  numClasses?: number;
}

const FROZEN =
  "the probe saw no weight change at any step (update:data ratio undefined): the optimizer updates none of the weights — was it given the model's parameters?";

/** Classes inferred from the first batch gl.fit saw: logits [N, C] with class indices [N]. */
function inferClasses(history: History): number | null {
  const s = history.batchShapes;
  if (!s || s.yHat.length !== 2 || s.y.length !== 1 || s.yHat[1] < 2) return null;
  return s.yHat[1];
}

/**
 * Diagnoses a training run.
 * @example
 * gl.seed(0);
 * const X = gl.randn([64, 2]);
 * const y = gl.tensor(Array.from({ length: 64 }, (_, i) => (X.data[2 * i] > 0 ? 1 : 0)));
 * const model = new gl.nn.Sequential([new gl.nn.Linear(2, 16), new gl.nn.ReLU(), new gl.nn.Linear(16, 2)]);
 * const history = await gl.fit(model, { X: X, y: y }, {
 *   epochs: 3, batchSize: 8, progress: false, loss: gl.loss.crossEntropy,
 *   optimizer: new gl.optim.SGD(model.parameters(), { lr: 50 }), // far too high
 * });
 * const d = gl.diagnose(history);
 * d.ok // false
 * d.codes.includes("lr-too-high") // true
 * d.find("lr-too-high")!.severity // "error"
 * d.show(); // an HTML list in a notebook, text elsewhere
 */
export function diagnose(history: History, opts: DiagnoseOptions = {}): Diagnosis {
  check(
    history instanceof History ||
      (typeof history === "object" && history !== null && "steps" in history && "epochs" in history),
    () =>
      new ArgumentError({
        fn: "diagnose",
        arg: "history",
        expected: "the History gl.fit returned (or error.history of the NonFiniteError it threw)",
        received: show(history),
        fix: "const history = await gl.fit(model, data, {...}); gl.diagnose(history, { probe });",
      }),
  );
  opts = options<DiagnoseOptions>("diagnose", "opts", opts, ["probe", "numClasses"]);
  const given = opts.probe ?? undefined;
  check(
    given === undefined ||
      Array.isArray(given) ||
      (typeof given === "object" && Array.isArray((given as { records?: unknown }).records)),
    () =>
      new ArgumentError({
        fn: "diagnose",
        arg: "probe",
        expected: "the probe that recorded the run (gl.probe.attach(model)) or its records",
        received: show(given),
        fix: "const probe = gl.probe.attach(model); await gl.fit(model, data, { ..., probe }); gl.diagnose(history, { probe });",
      }),
  );
  const records: readonly StepRecord[] = given
    ? Array.isArray(given)
      ? given
      : (given as { records: readonly StepRecord[] }).records
    : [];
  const numClasses =
    opts.numClasses === undefined || opts.numClasses === null
      ? inferClasses(history)
      : int("diagnose", "numClasses", opts.numClasses, {
          min: 2,
          fix: "numClasses is the number of classes of a classification task (3 for classes 0, 1, 2); leave it out for regression.",
        });
  const findings: Finding[] = [];
  const notChecked: { check: string; reason: string }[] = [];
  const add = (f: Finding | null): boolean => {
    if (f) findings.push(f);
    return f !== null;
  };

  if (numClasses !== null) add(initialLoss(history, numClasses));
  else
    notChecked.push({
      check: "initial-loss",
      reason: "not a classification run with class-index targets: pass numClasses",
    });

  const lr = history.steps.lr[0];
  const rose = add(lossRose(history));
  if (!rose) {
    const flat = noLearning(history, records.length && weightsFrozen(records) ? [FROZEN] : []);
    const slow = flat ? null : slowDescent(history);
    const ratio = records.length
      ? ratioFinding(records, lr, flat ? flat.message.split(". ")[0] + "." : slow ? slow.message : null)
      : null;
    if (ratio) add(ratio);
    else add(flat ?? slow);
  }
  if (records.length) {
    add(deadUnits(records));
    add(saturation(records));
  } else
    notChecked.push({
      check: "dead-units, saturation, update:data ratios, gradients across layers",
      reason: "no probe given",
    });
  add(gradientSpan(records, history.steps.gradNorm));

  const hasVal = history.epochs.valLoss.some((v) => v !== null);
  if (hasVal) {
    add(overfitting(history));
    if (!findings.some((f) => ["no-learning", "lr-too-high", "lr-too-low"].includes(f.code)))
      add(underfitting(history));
  } else notChecked.push({ check: "overfitting, underfitting", reason: "no validation data" });
  return new Diagnosis(findings, notChecked);
}

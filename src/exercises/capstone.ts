/**
 * Exercises of lesson 14 (the capstone): `gl.exercises.capstone.check(name, answer)`.
 * fixConfig reads the learner's own run — its History and its Diagnosis — and names the problem
 * the diagnosis still finds; mostConfused reads the learner's confusion matrix; confusionCounts is a code
 * exercise (the learner's function that builds one, run against gl.confusionMatrix).
 */
import { confusionCounts } from "./code/capstone";
import { gradeCode } from "./codeGrader";
import { defineExercises } from "./define";
import { fail, Grade, pass } from "./result";

/** What fixConfig reads from a run: gl.fit's History and gl.diagnose's Diagnosis. */
interface Run {
  history: { epochs: { valMetrics: Record<string, number[]> } };
  diagnosis: { ok: boolean; codes: string[]; findings: { code: string; severity: string }[] };
}

const isRun = (a: unknown): a is Run => {
  const r = a as Run;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.history?.epochs?.valMetrics === "object" &&
    Array.isArray(r.diagnosis?.findings) &&
    typeof r.diagnosis.ok === "boolean"
  );
};

function gradeFixConfig(answer: unknown): Grade {
  if (!isRun(answer))
    return fail("expected the object runConfig returns: { history, diagnosis } (pass `run` itself).", "not-a-run");
  const problems = answer.diagnosis.findings.filter((f) => f.severity !== "info").map((f) => f.code);
  const acc = answer.history.epochs.valMetrics.accuracy;
  const last = acc && acc.length > 0 ? acc[acc.length - 1] : NaN;
  if (problems.includes("lr-too-low") || problems.includes("no-learning"))
    return fail(
      `the diagnosis still says ${problems.join(", ")}: the loss barely moves in one epoch. The learning rate is far too small for this optimizer — look at the range test's figure for where the loss starts falling.`,
      "lr-too-low",
    );
  if (problems.includes("lr-too-high"))
    return fail(
      "the diagnosis says lr-too-high: the loss jumps or climbs. Lower the learning rate (the range test's figure shows where the loss blows up).",
      "lr-too-high",
    );
  if (problems.length > 0)
    return fail(`the diagnosis still finds ${problems.join(", ")}; read its fix lines above.`, "diagnosis-not-clean");
  if (!Number.isFinite(last))
    return fail("the History has no validation accuracy: keep validation and metrics in runConfig.", "no-validation");
  if (last < 0.9)
    return fail(
      `the diagnosis is clean, but the validation accuracy is ${(last * 100).toFixed(1)} % after one epoch (90 % asked). An adaptive optimizer or a larger learning rate gets further in one epoch.`,
      "too-slow",
    );
  return pass(
    `a clean diagnosis and ${(last * 100).toFixed(1)} % validation accuracy after one epoch on 2,000 digits.`,
  );
}

const PARAMS = 9 * 16 + 16 + (9 * 16 * 32 + 32) + 2 * 32 + (32 * 7 * 7 * 10 + 10);

function gradeParams(answer: unknown): Grade {
  if (typeof answer !== "number" || !Number.isFinite(answer))
    return fail("expected a number of parameters.", "not-a-number");
  if (answer === 0) return fail("0 is the placeholder: replace it with your count.", "placeholder");
  if (answer === PARAMS) return pass("conv 160 + conv 4,640 + BN 64 + linear 15,690; gl.summary says the same.");
  const known: [number, string, string][] = [
    [PARAMS - 64, "you left out BatchNorm's γ and β (two per channel): they are trained parameters.", "no-batchnorm"],
    [PARAMS + 64, "running mean and variance are buffers, updated by an average, not parameters.", "counted-buffers"],
    [PARAMS - 16 - 32 - 10, "you left out the biases (one per output channel or unit).", "no-biases"],
    [PARAMS - 64 - 16 - 32 - 10, "you left out the biases and BatchNorm's γ and β.", "weights-only"],
  ];
  const m = known.find(([v]) => v === answer);
  if (m) return fail(m[1], m[2]);
  return fail(
    "not the count. A Conv2d(in, out, 3) has 9·in·out weights and out biases; the linear layer sees 32·7·7 inputs.",
    "wrong",
  );
}

function gradeMostConfused(answer: unknown): Grade {
  const a = answer as { answer?: unknown; confusion?: unknown };
  const cm = a?.confusion;
  if (!Array.isArray(cm) || !cm.every((row) => Array.isArray(row) && row.length === cm.length))
    return fail("pass { answer: [true, predicted], confusion } with the confusion matrix of the lesson.", "no-matrix");
  const pair = a.answer;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v >= 0 && v < cm.length))
    return fail("answer with two digits [true, predicted].", "not-a-pair");
  const [t, p] = pair as number[];
  if (t === p) return fail("the diagonal counts correct predictions; look off the diagonal.", "diagonal");
  let best = -1;
  cm.forEach((row: number[], i) => row.forEach((c, j) => (i !== j && c > best ? (best = c) : 0)));
  if (cm[t][p] === best)
    return pass(`${t} read as ${p}: ${best} times, no other confusion is more frequent in your run.`);
  if (cm[p][t] === best)
    return fail("that pair the other way round: rows are the true digit, columns the prediction.", "transposed");
  return fail(`${t} read as ${p} happened ${cm[t][p]} times; another off-diagonal cell is larger.`, "not-the-largest");
}

export const capstone = defineExercises("capstone", {
  confusionCounts: {
    prompt: confusionCounts.prompt,
    hint: confusionCounts.hint,
    grade: (fn: unknown) => gradeCode(confusionCounts, fn),
  },
  fixConfig: {
    prompt: "Change config until runConfig gives a clean diagnosis and ≥ 90 % validation accuracy after one epoch.",
    hint: "Read the diagnosis: which finding, and its fix. Lesson 10's range test tells you where a learning rate is useful.",
    grade: gradeFixConfig,
  },
  params: {
    prompt: "The number of parameters of capstoneModel(), by hand.",
    hint: "Conv2d(in, out, 3): 9·in·out + out. BatchNorm2d(C): γ and β, 2·C. Linear(in, out): in·out + out. Pooling, ReLU, dropout, flatten: none.",
    grade: gradeParams,
  },
  mostConfused: {
    prompt: "The most frequent (true digit, predicted digit) pair with the two different, in your confusion matrix.",
    hint: "Rows are true digits, columns predictions; ignore the diagonal.",
    grade: gradeMostConfused,
  },
});

/** The graders without display (for tests). */
export const capstoneGraders = { fixConfig: gradeFixConfig, params: gradeParams, mostConfused: gradeMostConfused };

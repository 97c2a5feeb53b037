/**
 * Code exercise of lesson 14 (the capstone): confusionCounts(logits, y) → C × C counts, row = the true
 * class, column = the predicted class (the argmax of each row of logits), graded against
 * gl.confusionMatrix. Known wrong versions: rows and columns swapped (predicted × true), rows
 * normalized to fractions, and the prediction read as the argmin.
 */
import { confusionMatrix } from "../../train/confusion";
import { randn, tensor } from "../../tensor/create";
import { Tensor } from "../../tensor/tensor";
import type { CodeExerciseSpec } from "../codeGrader";

/** Seeded logits [N, C] and labels [N] (labels cycle through the classes, so every row is used). */
const batch = (N: number, C: number) => (): unknown[] => [
  randn([N, C]),
  tensor(Array.from({ length: N }, (_, i) => (i * 7) % C)),
];

/** The matrix with its rows and columns swapped. */
const transposed = (m: number[][]): number[][] => m.map((_, i) => m.map((row) => row[i]));

export const confusionCounts: CodeExerciseSpec = {
  lesson: "capstone",
  prompt:
    "Write confusionCounts(logits, y) → a C × C array of counts: entry [t][p] counts the examples of true class t (y) that the network predicted as p (the largest logit of the row).",
  hint: "Start from C arrays of C zeros. For each example i, find the column of its largest logit; add 1 at [the true class of i][that column].",
  signature: "confusionCounts(logits, y) → number[][]",
  args: ["logits", "y"],
  cases: [
    { label: "8 examples of 3 classes", make: batch(8, 3) },
    { label: "40 examples of 10 classes (as MNIST)", make: batch(40, 10) },
    { label: "5 examples of 6 classes (class 5 has none)", make: batch(5, 6) },
  ],
  reference: (logits: Tensor, y: Tensor) => confusionMatrix(logits, y),
  wrong: [
    {
      name: "transposed",
      fn: (logits: Tensor, y: Tensor) => transposed(confusionMatrix(logits, y)),
      why: "Your rows are the predicted classes and your columns the true ones. The convention (and gl.confusionMatrix's) is row = true class, column = predicted class: a row then says what happened to one digit.",
    },
    {
      name: "row fractions",
      fn: (logits: Tensor, y: Tensor) =>
        confusionMatrix(logits, y).map((row) => {
          const n = row.reduce((a, b) => a + b, 0);
          return row.map((v) => (n ? v / n : 0));
        }),
      why: "You divided each row by its total. Count the examples: a fraction hides how many digits a row is based on (a class with 2 test examples looks as sure as one with 200).",
    },
    {
      name: "argmin",
      fn: (logits: Tensor, y: Tensor) => confusionMatrix(logits.mul(-1), y),
      why: "You took the column of the smallest logit. The predicted class is the one with the LARGEST logit (the largest softmax probability).",
    },
  ],
  explain:
    "Row = true class, column = predicted class: the diagonal is what the network got right, and the largest entry off it is its most frequent confusion.",
};

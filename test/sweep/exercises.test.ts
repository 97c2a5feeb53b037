/**
 * The bad-input sweep over the exercises: a learner's answer may be anything (the notebook's
 * placeholder, a string, NaN, a tensor, a function that throws). Every exercise of every lesson
 * must answer each such mistake with a ✗ and a message for the learner — never a crash, never a
 * ✓, never a JavaScript internal message — and a misspelled exercise name gets a teaching error.
 */
import { expect } from "chai";
import * as gl from "../../src";

const mistakes: Record<string, () => unknown> = {
  null: () => null,
  undefined: () => undefined,
  NaN: () => NaN,
  Infinity: () => Infinity,
  "-1": () => -1,
  "a string": () => "abc",
  "an empty object": () => ({}),
  "an empty array": () => [],
  "a ragged array": () => [[1, 2], [3]],
  "a tensor": () => gl.zeros([2]),
  "a function returning NaN": () => () => NaN,
  "a function returning null": () => () => null,
  "a function that throws": () => () => {
    throw new Error("my bug");
  },
};

/** Phrases of JavaScript's own errors: a learner should never have to read them. */
const internal =
  /Cannot read propert|is not a function|is not iterable|Invalid array length|undefined is not|of undefined|of null/;

interface Lesson {
  list(): { name: string }[];
  grade(name: string, answer: unknown): gl.exercises.CheckResult;
  check(name: string, answer: unknown): gl.exercises.CheckResult;
}
const lessons = (Object.entries(gl.exercises) as [string, unknown][]).filter(
  (e): e is [string, Lesson] => typeof (e[1] as Partial<Lesson> | undefined)?.list === "function",
);

describe("bad-input sweep: every exercise answers a malformed answer with feedback", () => {
  it("covers every lesson's exercises", () => {
    expect(lessons.length).to.be.greaterThan(12);
    expect(lessons.reduce((n, [, l]) => n + l.list().length, 0)).to.be.greaterThan(55);
  });

  for (const [lesson, ex] of lessons)
    it(`${lesson}: each mistake is a ✗ with a message, not a crash, a ✓ or a JS error text`, () => {
      const defects: string[] = [];
      for (const { name } of ex.list())
        for (const [what, make] of Object.entries(mistakes)) {
          let r: gl.exercises.CheckResult;
          try {
            r = ex.grade(name, make());
          } catch (e) {
            defects.push(`${name}(${what}) threw ${(e as Error).message}`);
            continue;
          }
          if (r.correct) defects.push(`${name}(${what}) was graded correct`);
          else if (r.message.trim().length < 10) defects.push(`${name}(${what}) gave no feedback`);
          else if (internal.test(r.message)) defects.push(`${name}(${what}) shows a JS error: ${r.message}`);
        }
      expect(defects).to.deep.equal([]);
    });

  it("a misspelled exercise name gets a teaching error suggesting the right one", () => {
    const [lesson, ex] = lessons[0];
    const name = ex.list()[0].name;
    const typo = name.slice(0, -1);
    expect(() => ex.grade(typo, 1)).to.throw(gl.ArgumentError, new RegExp(`Did you mean '${name}'\\? gl\\.exercises`));
    try {
      ex.grade(typo, 1);
    } catch (e) {
      const err = e as gl.ArgumentError;
      expect(err.fn).to.equal(`exercises.${lesson}.grade`);
      expect(err.arg).to.equal("name");
    }
  });
});

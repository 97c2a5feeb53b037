import { expect } from "chai";
import { parse } from "mathjs";
import * as gl from "../../src";

describe("exercises: value checkers", () => {
  before(() => gl.exercises.configure({ print: "never" }));
  after(() => gl.exercises.configure({ print: "always" }));

  it("checkNumber accepts answers within tolerance and rejects others", () => {
    expect(gl.exercises.checkNumber(0.1 + 0.2, 0.3).correct).to.equal(true);
    expect(gl.exercises.checkNumber(0.31, 0.3).correct).to.equal(false);
    expect(gl.exercises.checkNumber(0.31, 0.3, { atol: 0.02 }).correct).to.equal(true);
    expect(gl.exercises.checkNumber(gl.tensor([5]), 5).correct).to.equal(true);
    expect(gl.exercises.checkNumber("5", 5).message).to.match(/expected a number/);
  });

  it("a wrong answer that matches a known mistake gets that mistake's message", () => {
    const data = [2, 4, 4, 4, 5, 5, 7, 9];
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    const ss = data.reduce((a, b) => a + (b - mean) ** 2, 0);
    const mistakes = [
      {
        code: "biased-variance",
        value: ss / data.length,
        message: "you used the biased variance (divided by N, not N − 1).",
      },
    ];
    const r = gl.exercises.checkNumber(4, ss / (data.length - 1), { mistakes });
    expect(r).to.deep.equal({
      correct: false,
      message: "4: you used the biased variance (divided by N, not N − 1).",
      mistake: { code: "biased-variance", message: "you used the biased variance (divided by N, not N − 1)." },
    });
    expect(gl.exercises.checkNumber(ss / 7, ss / 7, { mistakes }).correct).to.equal(true);
    const when = gl.exercises.checkNumber(-3, 3, {
      mistakes: [{ when: (a: number) => a === -3, message: "sign flipped" }],
    });
    expect(when.message).to.contain("sign flipped");
  });

  it("checkValues compares shapes first and names a transposed answer", () => {
    const expected = gl.tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      gl.exercises.checkValues(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        expected,
      ).correct,
    ).to.equal(true);
    expect(
      gl.exercises.checkValues(
        [
          [1, 4],
          [2, 5],
          [3, 6],
        ],
        expected,
      ).message,
    ).to.match(/did you transpose/);
    expect(
      gl.exercises.checkValues(
        [
          [1, 3],
          [2, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ).message,
    ).to.match(/transposed/);
    const off = gl.exercises.checkValues(
      [
        [1, 2, 3],
        [4, 5, 7],
      ],
      expected,
    );
    expect(off.correct).to.equal(false);
    expect(off.message).to.contain("1 of 6 values").and.contain("7 instead of 6");
    expect(gl.exercises.checkValues([[1, 2], [3]], expected).message).to.match(/expected numbers shaped \[2, 3\]/);
  });

  it("checkShape says which axes are wrong", () => {
    expect(gl.exercises.checkShape([1, 64, 112, 112], [1, 64, 112, 112]).correct).to.equal(true);
    expect(gl.exercises.checkShape([1, 64, 56, 56], [1, 64, 112, 112]).message).to.contain("axis 2 and 3 are wrong");
    expect(gl.exercises.checkShape([64, 112, 112], [1, 64, 112, 112]).message).to.contain("3 axes");
  });

  it("results are printed with ✓/✗ when printing is on", () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (s: string) => lines.push(s);
    const lesson = gl.exercises.defineExercises("printing", {
      two: { prompt: "1 + 1?", hint: "count", grade: (a: unknown) => gl.exercises.checkNumber(a, 2) },
    });
    try {
      gl.exercises.configure({ print: "always" });
      lesson.check("two", 2);
      lesson.check("two", 3);
      gl.exercises.checkNumber(3, 2); // a checker alone shows nothing: only check() does
    } finally {
      console.log = log;
      gl.exercises.configure({ print: "never" });
    }
    expect(lines[0]).to.match(/^✓ 2 is right/);
    expect(lines[1]).to.match(/^✗ 3 is not right/);
    expect(lines).to.have.length(2);
  });
});

describe("exercises: formula checker (mathjs)", () => {
  before(() => gl.exercises.configure({ print: "never" }));
  after(() => gl.exercises.configure({ print: "always" }));
  const opts: gl.exercises.FormulaCheckOptions = {
    expected: "floor((W - F + 2 P) / S) + 1",
    variables: { W: { min: 1, max: 64 }, F: { min: 1, max: 7 }, P: { min: 0, max: 3 }, S: { min: 1, max: 4 } },
    valid: ({ W, F, P }) => W + 2 * P >= F,
    mistakes: [{ value: "floor((W - F + 2 P) / S)", message: "off by one: did you forget +1?" }],
  };

  it("accepts any formula equal to the right one, written differently", () => {
    for (const a of ["floor((W - F + 2P)/S) + 1", "1 + floor((2*P + W - F) / S)", "floor((W - F + 2P)/S + 1)"])
      expect(gl.exercises.checkFormula(a, opts).correct, a).to.equal(true);
  });

  it("names a known wrong formula, or shows a counterexample", () => {
    expect(gl.exercises.checkFormula("floor((W - F + 2P)/S)", opts).message).to.equal("off by one: did you forget +1?");
    const r = gl.exercises.checkFormula("W / S", opts);
    expect(r.correct).to.equal(false);
    expect(r.message).to.match(/gives .* for W = \d+, F = \d+, P = \d+, S = \d+, but the right value is/);
  });

  it("explains unreadable formulas and unknown variables", () => {
    expect(gl.exercises.checkFormula("(W - F", opts).message).to.match(/could not read/);
    expect(gl.exercises.checkFormula("(w - F)/S + 1", opts).message).to.match(
      /uses w, which is not among the variables W, F, P, S/,
    );
    expect(gl.exercises.checkFormula(42, opts).message).to.match(/type the formula as text/);
  });

  it("function names and constants are not taken for variables", () => {
    const node = parse("floor(W / S) + pi");
    expect(gl.exercises.formulaSymbols(node).sort()).to.deep.equal(["S", "W", "pi"]);
    expect(
      gl.exercises.checkFormula("sqrt(x^2)", {
        expected: "abs(x)",
        variables: { x: { min: -5, max: 5, integer: false } },
      }).correct,
    ).to.equal(true);
  });
});

describe("exercises: defineExercises", () => {
  before(() => gl.exercises.configure({ print: "never" }));
  after(() => gl.exercises.configure({ print: "always" }));

  it("makes each exercise callable by name, plus check/list/hint, and refuses unknown names", () => {
    const lesson = gl.exercises.defineExercises("demo", {
      two: { prompt: "1 + 1?", hint: "count", grade: (a: unknown) => gl.exercises.checkNumber(a, 2) },
    });
    expect(lesson.lesson).to.equal("demo");
    expect(lesson.two(2).correct).to.equal(true);
    expect(lesson.check("two", 3).correct).to.equal(false);
    expect(lesson.list()).to.deep.equal([{ name: "two", prompt: "1 + 1?" }]);
    expect(lesson.hint("two")).to.equal("count");
    expect(() => lesson.check("three" as "two", 3)).to.throw(gl.ArgumentError, /one of this lesson's exercises: two/);
  });
});

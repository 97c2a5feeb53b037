/**
 * The one exercise framework (src/exercises/define.ts, result.ts, spec.ts): the result every
 * check returns and shows, its machine-readable record in the notebook output, attempts, hints,
 * and what happens to answers a grader cannot handle.
 */
import { expect } from "chai";
import * as gl from "../../src";

/** Runs `f` with console.log captured; returns the lines printed. */
function printed(f: () => void): string[] {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    f();
  } finally {
    console.log = log;
  }
  return lines;
}

const demo = () =>
  gl.exercises.defineExercises(
    "demo",
    {
      double: gl.exercises.fromSpec({
        prompt: "Give 2n for n = 3.",
        hint: "Double means times two.",
        expected: 6,
        mistakes: [{ code: "plus-two", value: 5, message: "That is n + 2; double means 2·n." }],
      }),
      shape: {
        prompt: "Give the shape of a [2, 3] matrix's transpose.",
        hint: "Rows become columns.",
        grade: (a: unknown) => gl.exercises.checkShape(a, [3, 2]),
      },
      crashes: {
        prompt: "Anything.",
        hint: "None needed.",
        grade: (a: unknown) => {
          if (typeof a === "string") throw new Error("the grader met a string");
          return gl.exercises.pass("fine");
        },
      },
    },
    { n: 3 },
  );

describe("exercise framework: one result, shown once, JSON all the way", () => {
  it("check returns { lesson, exercise, correct, message, mistake, attempt } and counts attempts per exercise", () => {
    const d = demo();
    const lines = printed(() => {
      const first = d.check("double", 5);
      expect(first).to.deep.equal({
        lesson: "demo",
        exercise: "double",
        correct: false,
        message: "5: That is n + 2; double means 2·n.",
        mistake: { code: "plus-two", message: "That is n + 2; double means 2·n." },
        attempt: 1,
      });
      const second = d.double(6);
      expect(second).to.include({ correct: true, attempt: 2, exercise: "double" });
      expect(second).to.not.have.property("mistake");
      expect(d.check("shape", [3, 2]).attempt).to.equal(1);
    });
    expect(lines).to.deep.equal(["✗ 5: That is n + 2; double means 2·n.", "✓ 6 is right.", "✓ [3, 2] is right."]);
  });

  it("grade gives the same verdict without showing it or counting it", () => {
    const d = demo();
    const lines = printed(() => {
      expect(d.grade("double", 5)).to.deep.include({ correct: false, attempt: 0 });
      expect(d.grade("double", 5).mistake).to.deep.equal({
        code: "plus-two",
        message: "That is n + 2; double means 2·n.",
      });
    });
    expect(lines).to.deep.equal([]);
  });

  it("a result survives JSON, and its HTML carries the same record in a gradlab-check script", () => {
    const d = demo();
    gl.exercises.configure({ print: "never" });
    try {
      const r = d.check("double", 5);
      expect(JSON.parse(JSON.stringify(r))).to.deep.equal(r);
      const html = gl.exercises.resultHTML(r);
      const m = /<script type="application\/json" class="gradlab-check">([\s\S]*?)<\/script>/.exec(html);
      expect(m, html).to.not.equal(null);
      expect(JSON.parse(m![1])).to.deep.equal(JSON.parse(JSON.stringify(r)));
      expect(html).to.include("✗ 5: That is n + 2");
      // a message with markup cannot break out of the script or the div
      const nasty = gl.exercises.resultHTML({ ...r, message: "</script><b>x</b> & y" });
      expect((nasty.match(/<\/script/g) ?? []).length).to.equal(1);
      expect(nasty).to.include("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; &amp; y");
    } finally {
      gl.exercises.configure({ print: "always" });
    }
  });

  it("print modes: never shows nothing, notebook shows nothing outside a kernel, always prints a text line", () => {
    const d = demo();
    try {
      gl.exercises.configure({ print: "never" });
      expect(printed(() => d.check("double", 6))).to.deep.equal([]);
      gl.exercises.configure({ print: "notebook" });
      expect(printed(() => d.check("double", 6))).to.deep.equal([]);
    } finally {
      gl.exercises.configure({ print: "always" });
    }
    expect(printed(() => d.check("double", 6))).to.deep.equal(["✓ 6 is right."]);
  });

  it("an unanswered exercise says what is asked; an answer the grader cannot handle is a ✗, not a crash", () => {
    const d = demo();
    gl.exercises.configure({ print: "never" });
    try {
      const r = d.check("double", null);
      expect(r.correct).to.equal(false);
      expect(r.message).to.equal("Not answered yet. Give 2n for n = 3.");
      const crash = d.check("crashes", "text");
      expect(crash.correct).to.equal(false);
      expect(crash.message).to.match(/could not be graded \(the grader met a string\)/);
      expect(d.check("crashes", 1).correct).to.equal(true);
    } finally {
      gl.exercises.configure({ print: "always" });
    }
  });

  it("hint(name), list() and data come with every lesson; unknown names and bad definitions get typed errors", () => {
    const d = demo();
    expect(d.hint("double")).to.equal("Double means times two.");
    expect(d.list().map((e) => e.name)).to.deep.equal(["double", "shape", "crashes"]);
    expect(d.data).to.deep.equal({ n: 3 });
    expect(() => d.hint("triple" as "double")).to.throw(gl.ArgumentError, /double, shape, crashes/);
    expect(() =>
      gl.exercises.defineExercises("bad", {
        check: { prompt: "p", hint: "h", grade: () => gl.exercises.pass("") },
      }),
    ).to.throw(gl.ArgumentError, /other than lesson, data, check, grade, list, hint/);
    expect(() =>
      gl.exercises.defineExercises("bad", {
        noHint: { prompt: "p", grade: () => gl.exercises.pass("") } as unknown as gl.exercises.Exercise,
      }),
    ).to.throw(gl.ArgumentError, /prompt, a hint and a grade function/);
  });

  it("the default tolerance is rtol 1e-3, atol 1e-9, and an exercise can set its own", () => {
    expect(gl.exercises.DEFAULT_TOLERANCE).to.deep.equal({ rtol: 1e-3, atol: 1e-9 });
    expect(gl.exercises.checkNumber(0.3679, Math.exp(-1)).correct).to.equal(true); // four digits
    expect(gl.exercises.checkNumber(0.368, Math.exp(-1), { rtol: 1e-6 }).correct).to.equal(false);
    // a small expected value is not matched by 0 (atol is tiny)
    expect(gl.exercises.checkNumber(0, 0.25 ** 10).correct).to.equal(false);
    const loose = gl.exercises.fromSpec({ prompt: "p", hint: "h", expected: 2.3, rtol: 0.05 });
    expect(loose.grade(2.4).correct).to.equal(true);
  });
});

describe("exercise framework: every lesson registered in gl.exercises", () => {
  const lessons = Object.entries(gl.exercises).filter(
    ([, v]) => v !== null && typeof v === "object" && typeof (v as { list?: unknown }).list === "function",
  ) as unknown as [string, gl.exercises.LessonExercises<Record<string, gl.exercises.Exercise>, unknown>][];

  it("are the twelve lessons with exercises, each named as its gl.exercises key", () => {
    expect(lessons.map(([k]) => k).sort()).to.deep.equal(
      [
        "activations",
        "babysitting",
        "backprop",
        "clipping",
        "convArithmetic",
        "hyperparameters",
        "initialization",
        "normalization",
        "preprocessing",
        "receptiveFields",
        "regularization",
        "vanishing",
      ].sort(),
    );
    for (const [key, lesson] of lessons) expect(lesson.lesson).to.equal(key);
  });

  it("every exercise has a hint that is more than its prompt, and an unanswered check returns a result", () => {
    gl.exercises.configure({ print: "never" });
    try {
      for (const [key, lesson] of lessons)
        for (const { name, prompt } of lesson.list()) {
          const hint = lesson.hint(name);
          expect(hint.length, `${key}.${name}`).to.be.greaterThan(30);
          expect(hint, `${key}.${name}`).to.not.equal(prompt);
          const r = lesson.grade(name, null);
          expect(r, `${key}.${name}`).to.include({ lesson: key, exercise: name, correct: false });
        }
    } finally {
      gl.exercises.configure({ print: "always" });
    }
  });

  it("a hint is not itself a correct answer (it points to the idea, it does not give the value)", () => {
    // the hint text, and every number written in it, graded as the answer: none is right
    for (const [key, lesson] of lessons)
      for (const { name } of lesson.list()) {
        const hint = lesson.hint(name);
        expect(lesson.grade(name, hint).correct, `${key}.${name}: the hint as an answer`).to.equal(false);
        for (const n of hint.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [])
          expect(lesson.grade(name, Number(n)).correct, `${key}.${name}: ${n} from the hint`).to.equal(false);
      }
  });
});

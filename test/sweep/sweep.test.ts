/**
 * The bad-input sweep (issue 18): every public entry point in test/sweep/spec.ts called with one
 * argument at a time turned into a learner's mistake. Each call must end in a typed gradlab error
 * that names the argument and carries a fix, or in a documented valid result — never a generic JS
 * error, a hang (3 s limit per call, in a worker thread), a silent NaN or a silently ignored value.
 */
import { expect } from "chai";
import { countOutcomes, runSweep } from "./run";
import { allCalls } from "./mutate";
import { entries } from "./spec";

describe("bad-input sweep: every malformed call gets a teaching error", function () {
  this.timeout(300_000);
  let result: Awaited<ReturnType<typeof runSweep>>;
  before(async () => {
    result = await runSweep(3000);
  });

  it("the catalogue covers the public API with a valid call for each entry point", () => {
    expect(entries.length).to.be.greaterThan(330);
    expect(allCalls().length).to.be.greaterThan(4900);
    expect(result.brokenEntries, "entries whose valid call fails").to.deep.equal([]);
  });

  it("each mutated call gets a typed error naming the argument with a fix, or a documented valid result", () => {
    const counts = countOutcomes(result.results);
    const defects = result.results
      .filter((r) => r.outcome !== "teaching" && r.outcome !== "valid")
      .map((r) => `${r.outcome}: ${r.entry}(${r.arg} = ${r.what}) -> ${r.detail}`);
    expect(defects, JSON.stringify(counts)).to.deep.equal([]);
    expect(counts.teaching).to.be.greaterThan(4500);
  });
});

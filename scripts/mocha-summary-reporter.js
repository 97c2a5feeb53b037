/**
 * Mocha reporter for `npm test`: the usual spec output, plus the counts written as JSON to the
 * file named by $GRADLAB_MOCHA_SUMMARY, so the summary line uses mocha's own numbers.
 */
"use strict";
const fs = require("fs");
const Mocha = require("mocha");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failures = [];
    runner.on("fail", (test, err) =>
      failures.push(`${test.fullTitle()}: ${err && err.message ? err.message.split("\n")[0] : err}`),
    );
    runner.once("end", () => {
      const file = process.env.GRADLAB_MOCHA_SUMMARY;
      if (!file) return;
      const { passes, failures: failed, pending, tests } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passes, failures: failed, pending, tests, failedTitles: failures }));
    });
  }
}

module.exports = SummaryReporter;

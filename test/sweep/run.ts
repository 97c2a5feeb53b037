/**
 * Runs the bad-input sweep in a worker thread, one call at a time, with a time limit per call:
 * a call that does not answer in time is a hang (the worker is replaced and the sweep goes on).
 * `node build/test/sweep/run.js` prints the counts per outcome and the defects.
 */
import * as path from "path";
import { Worker } from "worker_threads";
import { CallResult, Outcome, allCalls, mutationsOf } from "./mutate";
import { entries } from "./spec";

export async function runSweep(
  timeoutMs = 3000,
  progress = false,
  only?: RegExp,
): Promise<{ results: CallResult[]; brokenEntries: string[] }> {
  const picked = (e: number): boolean => !only || only.test(entries[e].fn);
  const file = path.join(__dirname, "worker.js");
  // the time limit starts once the worker has loaded gradlab (which takes seconds on a busy machine)
  const start = (): Promise<Worker> =>
    new Promise((resolve) => {
      const w = new Worker(file, { stdout: true });
      w.once("message", () => resolve(w));
    });
  let worker = await start();
  const ask = <T>(msg: unknown): Promise<T | "timeout"> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.removeAllListeners("message");
        void worker.terminate();
        void start().then((w) => {
          worker = w;
          resolve("timeout");
        });
      }, timeoutMs);
      worker.once("message", (m: T) => {
        clearTimeout(timer);
        resolve(m);
      });
      worker.postMessage(msg);
    });
  const brokenEntries: string[] = [];
  for (let e = 0; e < entries.length; e++) {
    if (!picked(e)) continue;
    const r = await ask<{ error: string | null }>({ kind: "valid", entry: e });
    if (r === "timeout" || r.error) brokenEntries.push(`${entries[e].fn}: ${r === "timeout" ? "timed out" : r.error}`);
  }
  const results: CallResult[] = [];
  const calls = allCalls().filter(([e]) => picked(e));
  const t0 = Date.now();
  for (const [i, call] of calls.entries()) {
    if (progress && i % 200 === 0)
      process.stderr.write(`sweep: ${i}/${calls.length} calls, ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    const r = await ask<{ result: CallResult }>({ kind: "call", call });
    if (r === "timeout") {
      const entry = entries[call[0]];
      const m = mutationsOf(entry.args[call[1]])[call[2]];
      results.push({
        entry: entry.fn,
        arg: m.arg,
        what: m.what,
        outcome: "hang",
        detail: `no answer in ${timeoutMs} ms`,
      });
    } else results.push(r.result);
  }
  await worker.terminate();
  return { results, brokenEntries };
}

export function countOutcomes(results: CallResult[]): Record<Outcome, number> {
  const counts = {
    teaching: 0,
    valid: 0,
    "no-fix": 0,
    "wrong-arg": 0,
    generic: 0,
    "silent-nan": 0,
    accepted: 0,
    hang: 0,
  };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

if (require.main === module) {
  // --only <regex>: just the entry points whose name matches, e.g. --only '^(nn|init)\.'
  const i = process.argv.indexOf("--only");
  const only = i > 0 ? new RegExp(process.argv[i + 1]) : undefined;
  void runSweep(3000, true, only).then(({ results, brokenEntries }) => {
    if (brokenEntries.length) console.log("catalogue entries whose valid call fails:\n  " + brokenEntries.join("\n  "));
    console.log(`${results.length} calls over ${new Set(results.map((r) => r.entry)).size} entry points`);
    console.log(JSON.stringify(countOutcomes(results)));
    if (process.argv.includes("--defects"))
      for (const r of results)
        if (r.outcome !== "teaching" && r.outcome !== "valid")
          console.log(`${r.outcome}\t${r.entry}\t${r.arg}\t${r.what}\t${r.detail}`);
  });
}

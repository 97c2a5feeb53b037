/**
 * Runs a suite once per compute backend available on this machine (like tfjs's ALL_ENVS), so
 * every op test checks every backend against the same expectations. Backends that cannot run
 * here are listed once, with the reason, so a reader knows what was not tested.
 */
import { BACKEND_NAMES, BackendName, availableBackends, setBackend, backend } from "../../src/backend/registry";

let reported = false;

export function describeAllBackends(title: string, suite: (name: BackendName) => void): void {
  const available = availableBackends();
  if (!reported) {
    reported = true;
    const missing = BACKEND_NAMES.filter((n) => !available.includes(n));
    if (missing.length) console.log(`  (backends not available here, their runs skipped: ${missing.join(", ")})`);
  }
  for (const name of available) {
    describe(`${title} [${name}]`, () => {
      let previous: BackendName;
      before(() => {
        previous = backend().name;
        setBackend(name);
      });
      after(() => {
        setBackend(previous);
      });
      suite(name);
    });
  }
}

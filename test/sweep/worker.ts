/** The sweep's worker thread: runs the calls it is sent, one at a time, and posts each answer back. */
import { parentPort } from "worker_threads";
import { runMutation, validCallError } from "./mutate";

parentPort?.postMessage({ kind: "ready" });
parentPort?.on(
  "message",
  (msg: { kind: "call"; call: [number, number, number] } | { kind: "valid"; entry: number }) => {
    void (async () => {
      // progress bars and figures of fit() would print: silence stdout writes of the library
      if (msg.kind === "valid")
        parentPort?.postMessage({ kind: "valid", entry: msg.entry, error: await validCallError(msg.entry) });
      else parentPort?.postMessage({ kind: "call", result: await runMutation(...msg.call) });
    })();
  },
);

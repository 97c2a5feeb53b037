/**
 * gl.diagnose: what is wrong with a training run, in words, with the evidence and a fix.
 * Flow: train → probe → diagnose → plot (diagnose reads History and probe records; it never draws).
 */
export { diagnose } from "./diagnose";
export type { DiagnoseOptions } from "./diagnose";
export { Diagnosis } from "./finding";
export { typicalRatio as typicalUpdateRatio } from "./probeReadings";
export type { Finding, FindingCode, Severity } from "./finding";
export * as thresholds from "./thresholds";

import { setFitDiagnosis } from "../train/fit";
import type { StepRecord } from "../probe/records";
import { diagnose } from "./diagnose";
// gl.fit(..., { diagnose: true }) prints the diagnosis at the end of the run
setFitDiagnosis((history, { probe, numClasses }) => {
  const records = (probe as { records?: readonly StepRecord[] } | undefined)?.records;
  diagnose(history, {
    ...(records ? { probe: records } : {}),
    ...(numClasses !== undefined ? { numClasses } : {}),
  }).show();
});

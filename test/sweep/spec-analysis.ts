/** The sweep catalogue, part: probes, tune, lrFinder, diagnose, and the training-loop helpers (confusionMatrix, confidentMistakes). */
import { Entry } from "./build";

export const analysisEntries: Entry[] = [];

/** The sweep catalogue, part: nn layers and helpers, init, losses, optimizers and schedulers, and the tensor ops not in spec.ts. */
import { Entry } from "./build";

export const modelEntries: Entry[] = [];

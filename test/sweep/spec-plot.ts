/** The sweep catalogue, part: the plot builders. */
import { Entry } from "./build";

export const plotEntries: Entry[] = [];

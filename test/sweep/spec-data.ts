/** The sweep catalogue, part: arith, data, io (save/load, safetensors) and pretrained. */
import { Entry } from "./build";

export const dataEntries: Entry[] = [];

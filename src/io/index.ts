/** `gl.io`: weights on disk in the safetensors format, and the names shared with PyTorch. */
export { save, load, loadMetadata, stateDictBytes } from "./save";
export type { SaveOptions } from "./save";
export { encodeSafetensors, decodeSafetensors } from "./safetensors";
export type { SafetensorsDType, SafetensorsContents } from "./safetensors";
export { pytorchNames, toPyTorchName, fromPyTorchName } from "./names";

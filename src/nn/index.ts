/** `gl.nn`: modules (layers, containers, norms, activations) that lessons build networks from. */
export { Module, Parameter } from "./module";
export type { ForwardHook, ForwardPreHook } from "./module";
export { Linear } from "./linear";
export type { LinearOptions } from "./linear";
export { Sequential } from "./sequential";
export { Flatten } from "./flatten";
export { Identity } from "./identity";
export { Dropout } from "./dropout";
export { Residual } from "./residual";
export { Maxout } from "./maxout";

/** Linear-algebra measurements (`gl.linalg`), named as in `torch.linalg`. */
export { svdvals } from "./svdvals";

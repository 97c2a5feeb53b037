/** `gl.pretrained`: trained models shipped with gradlab (weights in `pretrained/*.safetensors`). */
export {
  mnistDigits04,
  mnistDigits04Info,
  mnistDigits04Architecture,
  mnistDigits04Recipe,
  trainMnistDigits04,
} from "./mnistDigits04";
export type { PretrainResult } from "./mnistDigits04";

/**
 * gl.data: MNIST digits, seeded 2-D data sets, feature scalers, PCA/ZCA whitening, image
 * augmentation and a seeded batch iterator.
 */
export { mnist, mnistSize } from "./mnist";
export type { Mnist, MnistOptions, LabelledSet } from "./mnist";
export { spiral, moons, circles, blobs, xor } from "./datasets2d";
export type { Dataset2d } from "./datasets2d";
export { StandardScaler, MinMaxScaler } from "./scalers";
export { PCA, ZCA, covariance } from "./whitening";
export { symmetricEigen } from "./symmetricEigen";
export type { SymmetricEigen } from "./symmetricEigen";
export { horizontalFlip, shift, rotate, gaussianNoise } from "./augment";
export { trainTestSplit } from "./split";
export { selectByCorrelation } from "./featureSelection";
export type { TrainTestSplit } from "./split";
export { DataLoader } from "./loader";
export type { Batch, DataLoaderOptions } from "./loader";

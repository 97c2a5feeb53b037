/** Registers the gpu.js backends (headlessgl, webasm, cpu) and their kernels. */
import "./engine";
import "./matmul";
import "./conv2d";
import "./pool";

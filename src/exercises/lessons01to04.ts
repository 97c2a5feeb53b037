/** Exercise checkers of lessons 01–04 (`gl.exercises.<lesson>`). */
export { backprop } from "./backprop";
export { vanishing } from "./vanishing";

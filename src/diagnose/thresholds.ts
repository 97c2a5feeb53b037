/**
 * The thresholds gl.diagnose judges a run by, each with the reason for its value. They are rules
 * of thumb from CS231n ("babysitting the learning process") and Karpathy's "A Recipe for Training
 * Neural Networks", made precise enough to compute; a finding always shows the measured numbers
 * beside the threshold, so a learner can judge a borderline case.
 */

/**
 * initial-loss: the first loss of a C-class classifier may be at most this multiple of ln C. A
 * network that knows nothing should predict ≈ 1/C for every class, a loss of ln C; default
 * initializations land within about 10 % of it (lesson 04 measures this). 1.5 × ln C means the
 * logits already spread over several units: the model is confidently wrong (last layer too large).
 */
export const INITIAL_LOSS_HIGH = 1.5;

/**
 * initial-loss: a first loss below this multiple of ln C is suspicious the other way: an untrained
 * model should not beat chance by that much (labels leaking into the inputs, or a model that was
 * already trained).
 */
export const INITIAL_LOSS_LOW = 0.5;

/**
 * Loss curves are compared by window means (a window is this fraction of the run's steps, and at
 * least WINDOW_MIN steps): single mini-batch losses are too noisy to compare one by one.
 */
export const WINDOW_FRACTION = 0.1;
export const WINDOW_MIN = 5;

/**
 * lr-too-high: the loss rose to at least this multiple of its lowest window mean by the end of
 * the run. Mini-batch noise moves window means by a few per cent; a rise by half means the steps
 * throw the parameters out of the minimum they had found.
 */
export const RISE_FACTOR = 1.5;

/**
 * lr-too-high: one mini-batch loss reached this multiple of the first loss. Mini-batch losses of a
 * healthy run stay below the first one after a few steps; a jump by 10× is a step that overshot
 * far past the minimum (and, with ReLUs, often kills units for good: the loss may then settle at a
 * level no better than chance, where a rise test alone would miss it).
 */
export const SPIKE_FACTOR = 10;

/**
 * lr-too-high / lr-too-low from the probe: Karpathy's rule puts the update:data ratio
 * std(Δw)/std(w) near 1e-3 (log10 = −3). A median (over steps) of a weight's ratio more than this
 * many decades above or below −3 is "far" from it: 1.5 decades is a factor of ≈ 30.
 */
export const UPDATE_RATIO_TARGET = -3;
export const UPDATE_RATIO_DECADES = 1.5;

/**
 * lr-too-low when the loss curve already shows no or slow learning and the typical update:data
 * ratio is more than this many decades below 1e-3: the small steps explain the flat curve (a flat
 * curve with normal-sized steps points at the labels or the model instead).
 */
export const UPDATE_RATIO_CONFIRM = 0.5;

/**
 * no-learning: the loss fell by less than this fraction of its first window mean over the whole
 * run. Means of a few mini-batch losses still differ by a few per cent from noise alone (measured:
 * up to ≈ 3 % between 5-step windows of a frozen model on batches of 32): within 5 % nothing was learned.
 */
export const NO_LEARNING_DROP = 0.05;

/**
 * lr-too-low: the loss fell by less than this fraction over the run and was still falling at the
 * end at ≥ SLOW_STILL_FALLING of its early rate (a straight, slow descent, not a curve that
 * levelled off because it converged). A good learning rate halves a fresh classifier's loss
 * quickly and then flattens.
 */
export const SLOW_DROP = 0.3;
export const SLOW_STILL_FALLING = 0.5;

/** Runs shorter than this many steps are too short to judge the shape of the loss curve. */
export const MIN_STEPS = 10;

/**
 * overfitting: the last validation loss is at least this fraction above its best epoch's while the
 * training loss kept falling. Below 5 % the difference is within the noise of a small validation set.
 */
export const OVERFIT_RISE = 0.05;

/**
 * overfitting: over the last OVERFIT_GAP_EPOCHS epochs the training loss fell, the validation loss
 * did not, and the train/validation gap grew every epoch to at least OVERFIT_GAP of the validation
 * loss (early in a healthy run both fall and the gap also grows; a gap that grows while validation
 * stalls is memorizing).
 */
export const OVERFIT_GAP = 0.2;
export const OVERFIT_GAP_EPOCHS = 3;

/**
 * underfitting: the final training loss is still above this fraction of the first loss, and the
 * validation loss is within UNDERFIT_CLOSE of it: the model has not fit even the training set.
 */
export const UNDERFIT_LOSS = 0.6;
export const UNDERFIT_CLOSE = 0.15;

/**
 * dead-units: a ReLU-family layer whose fraction of units that output 0 for a whole batch is above
 * this, averaged over the last recorded steps. A healthy ReLU layer at init has almost none (lesson
 * 03 measures this); above 40 % a large part of the layer no longer learns (no gradient flows
 * through a unit that is 0 for every input).
 */
export const DEAD_FRACTION = 0.4;

/**
 * saturation: a tanh/sigmoid layer whose fraction of outputs in the flat tails (|tanh| > 0.97,
 * sigmoid within 0.03 of 0 or 1, where the derivative is below 0.06) is above this, averaged over
 * the last recorded steps: those units pass almost no gradient.
 */
export const SATURATED_FRACTION = 0.3;

/**
 * vanishing-/exploding-gradients: the std of the gradient w.r.t. the first weight layer's output
 * differs from the last hidden weight layer's by more than this many decades (median over the
 * recorded steps). A well-initialized MLP stays within one decade (lesson 02); two decades is a
 * factor of 100 between what the first and the last layers receive.
 */
export const GRADIENT_DECADES = 2;

/**
 * exploding-gradients: the global gradient norm at the end of the run is more than this many
 * times its value at the start (window means): growing without bound, not settling.
 */
export const GRADIENT_GROWTH = 100;

/** The last fraction of the recorded probe steps whose values are averaged for dead units and saturation. */
export const LATE_FRACTION = 0.25;

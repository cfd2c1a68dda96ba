/**
 * Registers Layerlab's custom layers (RReLU, EluAlpha, the corrected AlphaDropout) with tfjs
 * serialization. Import it before tf.loadLayersModel reads a model.json that may hold them.
 */
export { AlphaDropout } from './alpha-dropout.js';
export { EluAlpha } from './elu.js';
export { RReLU } from './rrelu.js';

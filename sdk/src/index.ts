export * from './spec/index.js';
export * from './client/index.js';
export { Layerlab as default } from './client/index.js';

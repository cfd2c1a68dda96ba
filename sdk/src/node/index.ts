import { Layerlab as PortableLayerlab, type ClientOptions } from '../client/index.js';
import { NodeDatasets } from './node-datasets.js';

export * from '../index.js';
export { fileFromPath } from './file-from-path.js';
export { NodeDatasets, type NodeDatasetUploadParams } from './node-datasets.js';

/** The client for Node: the portable one, plus `datasets.upload({ path })`. */
export class Layerlab extends PortableLayerlab {
  override readonly datasets: NodeDatasets;

  constructor(options: ClientOptions = {}) {
    super(options);
    this.datasets = new NodeDatasets(this.http);
  }
}

export default Layerlab;

import type { LoadedConfig } from '../config/load-config.ts';
import type { Gateway } from './gateway.ts';
import { createLocalGateway } from './local-gateway.ts';
import { createWorkerGateway } from './worker-gateway.ts';

/** The gateway the config asks for: models in worker processes, or in this process when `workers` is 0. */
export function createGateway(loaded: LoadedConfig): Gateway {
  const { models, catalogue, inference } = loaded.config;
  const options = {
    modelsDir: loaded.modelsDir,
    catalogue,
    allowDownload: models.allowDownload,
    hub: models.hub,
    intraOpThreads: inference.intraOpThreads,
  };
  return inference.workers > 0 ? createWorkerGateway({ ...options, workers: inference.workers }) : createLocalGateway(options);
}

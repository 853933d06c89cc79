import { serve } from '../server/serve.ts';
import { wholeOption } from './whole-option.ts';

export interface ServeOptions {
  host: string;
  port: string;
  config: string;
  apiKeys?: string;
  reqLimit?: string;
  batchLimit?: string;
  requestTimeout?: string;
  cacheDir?: string;
  logFile?: string;
  /** Undefined: neither --suggestions nor --no-suggestions. */
  suggestions?: boolean;
  deskDir?: string;
}

/** `audarma serve`: checks the options, then serves until stopped (exit 0 after a graceful stop). */
export function serveCommand(opts: ServeOptions): Promise<number> {
  return serve({
    host: opts.host,
    port: wholeOption(opts.port, '--port', 0, 65535)!,
    reqLimit: wholeOption(opts.reqLimit, '--req-limit', 1),
    batchLimit: wholeOption(opts.batchLimit, '--batch-limit', 1),
    requestTimeoutMs: opts.requestTimeout === undefined ? undefined : wholeOption(opts.requestTimeout, '--request-timeout', 1)! * 1000,
    config: opts.config,
    cacheDir: opts.cacheDir,
    apiKeys: opts.apiKeys ?? (process.env.AUDARMA_API_KEYS || undefined),
    logFile: opts.logFile,
    suggestions: opts.suggestions,
    deskDir: opts.deskDir,
  });
}

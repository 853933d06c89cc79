import { messages, UserError } from '../diagnostics/messages.ts';
import { serve } from '../server/serve.ts';

export interface ServeOptions {
  host: string;
  port: string;
  config: string;
  apiKeys?: string;
  reqLimit?: string;
  cacheDir?: string;
  logFile?: string;
  suggestions: boolean;
  deskDir?: string;
}

/** A whole number from `min` to `max`, or the usage error naming the option. */
function whole(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw UserError.from(messages.badOptionValue(option, max === Number.MAX_SAFE_INTEGER ? `a whole number from ${min}` : `a whole number from ${min} to ${max}`, value));
  return n;
}

/** `audarma serve`: checks the options, then serves until stopped (exit 0 after a graceful stop). */
export function serveCommand(opts: ServeOptions): Promise<number> {
  return serve({
    host: opts.host,
    port: whole(opts.port, '--port', 0, 65535)!,
    reqLimit: whole(opts.reqLimit, '--req-limit', 1, Number.MAX_SAFE_INTEGER),
    config: opts.config,
    cacheDir: opts.cacheDir,
    apiKeys: opts.apiKeys,
    logFile: opts.logFile,
    suggestions: opts.suggestions,
    deskDir: opts.deskDir,
  });
}

import type { FastifyInstance } from 'fastify';
import type { TextService } from '../app/text-service.ts';
import { wantsDetails } from './fields.ts';
import { EXTENSIONS } from '../document/formats/registry.ts';
import type { Languages } from './languages.ts';

export interface InfoOptions {
  service: TextService;
  languages: Languages;
  /** Whether the server was started with `--api-keys`. */
  apiKeys: boolean;
  /** Whether `POST /suggest` takes corrections. */
  suggestions: boolean;
  /** Requests being answered right now, this one included. */
  inFlight(): number;
}

/** `GET /languages`, `GET /frontend/settings` and `GET /health`, never limited. */
export function infoRoutes(app: FastifyInstance, opts: InfoOptions): void {
  const { languages, service } = opts;
  const started = Date.now();
  app.get('/languages', async () => languages.list);

  app.get('/frontend/settings', async () => {
    const target = languages.list.find((l) => l.code === languages.source.targets[0]) ?? languages.source;
    return {
      charLimit: -1,
      frontendTimeout: 500,
      apiKeys: opts.apiKeys,
      keyRequired: opts.apiKeys,
      suggestions: opts.suggestions,
      filesTranslation: true,
      supportedFilesFormat: EXTENSIONS,
      language: {
        source: { code: languages.source.code, name: languages.source.name },
        target: { code: target.code, name: target.name },
      },
    };
  });

  app.get('/health', async (req) => {
    if (!wantsDetails(req)) return { status: 'ok' };
    return { status: 'ok', audarma: { uptimeSeconds: Math.round((Date.now() - started) / 1000), inFlight: opts.inFlight() - 1, ...service.stats() } };
  });
}

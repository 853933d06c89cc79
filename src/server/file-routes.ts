import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { withOrigin, type TextService } from '../app/text-service.ts';
import { detectFrench } from '../document/detect-french.ts';
import { DocumentError } from '../document/errors.ts';
import { FORMATS, formatOf } from '../document/formats/registry.ts';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';
import type { Downloads } from './downloads.ts';
import { field, text, type UploadedFile } from './fields.ts';
import type { Guard } from './guard.ts';
import type { Languages } from './languages.ts';

/**
 * Longest file name taken, in UTF-8 bytes: file systems allow 255 for a name, and the stored
 * names add the target language and a random prefix.
 */
export const MAX_NAME_BYTES = 200;

/** `POST /translate_file` (multipart: file, source, target, api_key) and `GET /download_file/<name>`. */
export function fileRoutes(app: FastifyInstance, deps: { service: TextService; languages: Languages; guard: Guard; downloads: Downloads }): void {
  const { service, languages, guard, downloads } = deps;

  app.post('/translate_file', { preHandler: (req) => guard(req, true) }, async (req) => {
    const file = field(req, 'file') as UploadedFile | undefined;
    const source = text(req, 'source');
    const target = text(req, 'target');
    if (!file || file.type !== 'file') throw new ApiError(400, apiMessages.missing('file'));
    if (!source) throw new ApiError(400, apiMessages.missing('source'));
    if (!target) throw new ApiError(400, apiMessages.missing('target'));
    if (file.filename === '') throw new ApiError(400, apiMessages.emptyFile());
    if (Buffer.byteLength(file.filename) > MAX_NAME_BYTES) throw new ApiError(400, apiMessages.invalidFilename());
    const format = formatOf(file.filename);
    if (!format) throw new ApiError(400, apiMessages.fileFormat());
    const auto = source.toLowerCase() === 'auto';
    if (!auto) languages.resolve(source, target);
    const bytes = await file.toBuffer();
    // A file that cannot be read (broken, protected, no text) is the request's fault: 400 naming it.
    const asBadRequest = (err: unknown): never => {
      if (!(err instanceof DocumentError)) throw err;
      throw new ApiError(400, err.code === 'empty' ? apiMessages.emptyFile() : `Invalid request: ${err.message}`);
    };
    const sample = await format.sample(bytes, file.filename).catch(asBadRequest);
    if (auto && !detectFrench(sample).french) throw new ApiError(400, apiMessages.notDetected());
    const { from, to } = languages.resolve(auto ? languages.source.code : source, target);
    const code = languages.pair(from, to);
    const out = await withOrigin(req.id, () => service.translateFile(bytes, file.filename, format, code)).catch(asBadRequest);
    const ext = path.extname(file.filename);
    // article.fr.txt gives article.en.txt; other names get the target before the extension.
    const stem = path.basename(file.filename, ext).replace(new RegExp(`\\.${from.code}$`, 'i'), '');
    const stored = await downloads.save(`${stem}.${code}${ext}`, out.bytes);
    return { translatedFileUrl: `${req.protocol}://${req.host}/download_file/${stored}` };
  });

  app.get<{ Params: { name: string } }>('/download_file/:name', { preHandler: (req) => guard(req, false) }, async (req, reply) => {
    let found;
    try {
      found = await downloads.read(req.params.name);
    } catch {
      throw new ApiError(400, apiMessages.invalidFilename());
    }
    if (!found) throw new ApiError(404, apiMessages.fileNotFound());
    const type = (formatOf(found.name) ?? FORMATS.txt).contentType;
    return reply
      .type(formatOf(found.name)?.text ? `${type}; charset=utf-8` : type)
      .header('content-disposition', `attachment; filename="${found.name.replace(/"/g, '')}"`)
      .send(found.content);
  });
}

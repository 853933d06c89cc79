import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TextService } from '../app/text-service.ts';
import { decodeText } from '../document/decode.ts';
import { detectFrench } from '../document/detect-french.ts';
import { DocumentError } from '../document/errors.ts';
import { formatOf } from '../document/read.ts';
import { ApiError, apiMessages } from './api-error.ts';
import type { Downloads } from './downloads.ts';
import { field, text, type UploadedFile } from './fields.ts';
import type { Guard } from './guard.ts';
import type { Languages } from './languages.ts';

/** File types `/translate_file` takes, as LibreTranslate lists them in /frontend/settings. */
export const FILE_TYPES = ['.txt', '.md', '.markdown', '.html', '.htm'];
const CONTENT_TYPES = { txt: 'text/plain', md: 'text/markdown', html: 'text/html' } as const;

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
    const format = FILE_TYPES.includes(path.extname(file.filename).toLowerCase()) ? formatOf(file.filename) : null;
    if (!format) throw new ApiError(400, apiMessages.fileFormat());
    const auto = source.toLowerCase() === 'auto';
    if (!auto) languages.resolve(source, target);
    let content: string;
    try {
      content = decodeText(await file.toBuffer(), file.filename);
    } catch (err) {
      if (!(err instanceof DocumentError)) throw err;
      throw new ApiError(400, err.code === 'empty' ? apiMessages.emptyFile() : `Invalid request: ${err.message}`);
    }
    if (auto && !detectFrench([content]).french) throw new ApiError(400, apiMessages.notDetected());
    const { from, to } = languages.resolve(auto ? languages.source.code : source, target);
    const code = languages.pair(from, to);
    const [out] = await service.translate([content], code, format === 'txt' ? 'text' : format);
    const ext = path.extname(file.filename);
    // article.fr.txt gives article.en.txt; other names get the target before the extension.
    const stem = path.basename(file.filename, ext).replace(new RegExp(`\\.${from.code}$`, 'i'), '');
    const stored = await downloads.save(`${stem}.${code}${ext}`, out.text);
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
    const type = CONTENT_TYPES[formatOf(found.name) ?? 'txt'];
    return reply
      .type(`${type}; charset=utf-8`)
      .header('content-disposition', `attachment; filename="${found.name.replace(/"/g, '')}"`)
      .send(found.content);
  });
}

import type { FastifyRequest } from 'fastify';

/** A part of a multipart body as @fastify/multipart attaches it. */
export interface UploadedFile {
  type: 'file';
  filename: string;
  toBuffer(): Promise<Buffer>;
}

/**
 * A request parameter as LibreTranslate reads it: from a JSON body, a form body (urlencoded or
 * multipart: a file part comes back whole) or the query string.
 */
export function field(req: FastifyRequest, name: string): unknown {
  const body = req.body;
  if (body && typeof body === 'object' && !Array.isArray(body) && Object.hasOwn(body, name)) {
    const value = (body as Record<string, unknown>)[name];
    const part = value as { type?: string; value?: unknown } | null;
    if (part && typeof part === 'object' && part.type === 'field') return part.value;
    return value;
  }
  const query = req.query as Record<string, unknown> | undefined;
  return query && Object.hasOwn(query, name) ? query[name] : undefined;
}

/** A parameter that should be one string: an absent or non-string value reads as ''. */
export const text = (req: FastifyRequest, name: string): string => {
  const v = field(req, name);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};

/** A yes/no parameter: JSON `true`, or `true`, `1`, `yes` as text (a form or the query string). */
export const flag = (req: FastifyRequest, name: string): boolean => {
  const v = field(req, name);
  return v === true || v === 1 || (typeof v === 'string' && /^(true|1|yes)$/i.test(v));
};

/** `details=true` (or 1, yes): the client asks for audarma's extras. */
export const wantsDetails = (req: FastifyRequest): boolean => flag(req, 'details');

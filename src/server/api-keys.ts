import * as z from 'zod';
import { problemAt, readYaml } from '../config/yaml-source.ts';
import { problemsFromZod } from '../config/zod-problems.ts';
import { ConfigError, formatPath, type Problem } from '../diagnostics/problem.ts';

/** One client allowed to use the server. */
export const ApiKeySchema = z.strictObject({
  /** The secret the client sends as `api_key`; at least 16 characters. */
  key: z.string().min(16),
  /** Who holds it, for the request log. */
  name: z.string().min(1).optional(),
  /** Requests per minute for this key, instead of `--req-limit`. */
  reqLimit: z.int().positive().optional(),
  /** An editor's key: its suggestions go into the translation memory at once instead of waiting for the desk. */
  editor: z.boolean().optional(),
});
/** The `--api-keys` file: a YAML list of keys. */
export const ApiKeysSchema = z.array(ApiKeySchema);
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** Reads and checks an `--api-keys` file; throws ConfigError naming every problem's line. */
export async function loadApiKeys(file: string): Promise<Map<string, ApiKey>> {
  const { source, problems } = await readYaml(file);
  if (problems.length) throw new ConfigError(problems);
  const parsed = ApiKeysSchema.safeParse(source.data ?? []);
  if (!parsed.success) throw new ConfigError(problemsFromZod(parsed.error, source, ApiKeysSchema));
  const keys = new Map<string, ApiKey>();
  const duplicates: Problem[] = [];
  parsed.data.forEach((k, i) => {
    if (keys.has(k.key)) {
      const m = { code: 'API_KEY_DUPLICATE', message: 'this key is listed twice; expected each key once' };
      duplicates.push(problemAt(source, [i, 'key'], m, formatPath([i, 'key'])));
    }
    keys.set(k.key, k);
  });
  if (duplicates.length) throw new ConfigError(duplicates);
  return keys;
}

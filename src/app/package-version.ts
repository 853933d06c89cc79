import { readFileSync } from 'node:fs';

/**
 * audarma's version, from its package.json: two folders up from this module in src/app/, in
 * dist/app/ (the library) and in dist/bin/ (the bundled command line) alike.
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

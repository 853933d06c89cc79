// NewsML-G2 editions checked against IPTC's published schema (tests/fixtures/nitf/schema/, the
// 2.35 power schema and the W3C xml.xsd it imports) with xmllint, never fetching anything.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const NEWSML_G2_XSD = path.resolve(import.meta.dirname, '..', 'fixtures', 'nitf', 'schema', 'NewsML-G2_2.35-spec-All-Power.xsd');

/** xmllint's verdict on a file: `<file> validates`, or its errors. */
export function validateNewsMl(file: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', NEWSML_G2_XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint could not run (Debian's libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.trim() };
}

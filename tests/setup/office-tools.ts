// The office round-trip tests open audarma's .docx and .odt editions in LibreOffice (headless)
// and pandoc, and the news item tests validate NewsML-G2 editions with xmllint: Debian's packages. On a fresh machine neither is there: as root, install them once,
// with apt-get's output shown; otherwise stop with the one command to run.
import { spawnSync } from 'node:child_process';

export const OFFICE_INSTALL_COMMAND = 'apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui pandoc libxml2-utils';

/** What is missing for the office tests, in words; empty when nothing is. */
export function missingOfficeTools(): string[] {
  const missing: string[] = [];
  if (spawnSync('soffice', ['--version']).status !== 0) missing.push('LibreOffice (libreoffice-writer-nogui)');
  if (spawnSync('pandoc', ['--version']).status !== 0) missing.push('pandoc');
  if (spawnSync('xmllint', ['--version']).status !== 0) missing.push('xmllint (libxml2-utils)');
  return missing;
}

export function ensureOfficeTools(asRoot = process.getuid?.() === 0): void {
  const missing = missingOfficeTools();
  if (missing.length === 0) return;
  const what = missing.join(' and ');
  if (!asRoot) throw new Error(`the office tests need ${what}: run as root \`${OFFICE_INSTALL_COMMAND}\``);
  process.stderr.write(`tests: installing ${what} for the office tests: ${OFFICE_INSTALL_COMMAND}\n`);
  const r = spawnSync('sh', ['-c', OFFICE_INSTALL_COMMAND], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`\`${OFFICE_INSTALL_COMMAND}\` failed (exit ${r.status ?? r.signal}); the office tests need ${what}`);
  const still = missingOfficeTools();
  if (still.length > 0) throw new Error(`still missing after \`${OFFICE_INSTALL_COMMAND}\`: ${still.join(' and ')}`);
}

/**
 * Converts files with LibreOffice headless, all in one start (each start costs seconds), into
 * `outDir`, with a profile of its own so that it never meets another LibreOffice running.
 */
export function libreOfficeConvert(files: string[], to: string, outDir: string, profile: string): void {
  const r = spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', to, '--outdir', outDir, ...files], {
    encoding: 'utf8',
    env: { ...process.env, HOME: profile },
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`soffice --convert-to ${to} failed (exit ${r.status ?? r.signal}): ${r.stderr}`);
}

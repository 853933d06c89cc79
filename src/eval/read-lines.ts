import { readFileSync } from 'node:fs';
import { UserError } from '../diagnostics/messages.ts';
import { evalMessages } from './messages.ts';
import { readLinesAsSacrebleu } from './python-text.ts';

/** The lines of a hypothesis or reference file as sacreBLEU reads them; a file that cannot be read is the user's error. */
export function readScoreLines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw UserError.from(evalMessages.cannotRead(file, reason));
  }
  return readLinesAsSacrebleu(text);
}

/** Every reference file has as many lines as the hypotheses, and there is at least one line. */
export function checkAligned(hypFile: string, hyps: readonly string[], refs: readonly { file: string; lines: readonly string[] }[]): void {
  if (hyps.length === 0) throw UserError.from(evalMessages.noLines(hypFile));
  for (const r of refs) {
    if (r.lines.length !== hyps.length) throw UserError.from(evalMessages.lineCounts(r.file, r.lines.length, hypFile, hyps.length));
  }
}

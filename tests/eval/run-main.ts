import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

/**
 * Runs the CLI in this process and keeps what it printed: a child process takes 3 s to start on
 * a busy machine, and these tests run it dozens of times. Tests of the installed command use
 * `cli()` from tests/integration/helpers.ts.
 */
export async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' };
  const keep = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      out[stream] += String(chunk);
      return true;
    });
  const spies = [keep('stdout'), keep('stderr')];
  try {
    return { code: await main(['node', 'audarma', ...args]), ...out };
  } finally {
    for (const s of spies) s.mockRestore();
  }
}

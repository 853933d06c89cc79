// Faces (HTTP server, queue, CLI) reach models only through the runtime and its document session.
import { expect, it } from 'vitest';
import { importsOf, sourceFiles } from './imports.ts';

it('no file under src/server, src/queue or src/cli imports src/inference', () => {
  const faces = sourceFiles().filter((f) => /^(server|queue|cli)\//.test(f));
  expect(faces.length).toBeGreaterThan(30);
  const reaching = faces.flatMap((f) =>
    importsOf(f)
      .filter((i) => i.startsWith('inference/'))
      .map((i) => `${f} -> ${i}`),
  );
  expect(reaching).toEqual([]);
});

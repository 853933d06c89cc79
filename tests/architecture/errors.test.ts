// One module says what the faces answer an error with: the exit code of the CLI, the HTTP status
// of the API and the desk, and the first line a log or an answer shows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ApiError, exitCodeOf, firstLine, forUser, httpStatusOf } from '../../src/diagnostics/errors.ts';
import { ConfigError } from '../../src/diagnostics/problem.ts';
import { SetupError, UserError } from '../../src/diagnostics/messages.ts';
import { CorrectionRefused } from '../../src/memory/correct.ts';
import { MemoryUnusableError } from '../../src/memory/memory.ts';
import { LockedError } from '../../src/store/lock.ts';
import { StoreCorruptError } from '../../src/store/store.ts';
import { SRC, sourceFiles } from './imports.ts';

it('maps the store and memory errors a user can act on to their codes, exit 2', () => {
  const locked = new LockedError('/out', '/out/.audarma.lock', {
    pid: 42,
    host: 'here',
    startedAt: '2026-01-01T00:00:00.000Z',
    command: 'audarma run',
  } as never);
  const cases = [locked, new StoreCorruptError('/c/store.sqlite', 'bad'), new MemoryUnusableError('/c/memory.sqlite', 'bad')];
  expect(cases.map((e) => [(forUser(e) as UserError).code, (forUser(e) as Error).message === e.message, exitCodeOf(e)])).toEqual([
    ['LOCKED', true, 2],
    ['STORE_CORRUPT', true, 2],
    ['MEMORY_UNUSABLE', true, 2],
  ]);
  expect([
    exitCodeOf(new ConfigError([])),
    exitCodeOf(new UserError('USAGE', 'x')),
    exitCodeOf(new SetupError('MODEL', 'x')),
    exitCodeOf(new Error('bug')),
  ]).toEqual([2, 2, 2, undefined]);
});

it('answers a refusal with its status, a refused correction with 400, anything else with 500', () => {
  expect([
    httpStatusOf(new ApiError(404, 'no article x on the desk')),
    httpStatusOf(new CorrectionRefused('empty')),
    httpStatusOf(new Error('x')),
    httpStatusOf('x'),
  ]).toEqual([404, 400, 500, 500]);
  expect([firstLine(new Error('one\ntwo')), firstLine('text\nmore'), firstLine(undefined)]).toEqual(['one', 'text', 'undefined']);
});

it('is the only place that maps domain errors to user errors: no face does it again', () => {
  const mapping = /new UserError\('(LOCKED|STORE_CORRUPT|MEMORY_UNUSABLE)'|instanceof (LockedError|StoreCorruptError|MemoryUnusableError)/;
  const faces = sourceFiles().filter((f) => /^(app|server|queue|cli)\//.test(f));
  expect(faces.filter((f) => mapping.test(readFileSync(path.join(SRC, f), 'utf8')))).toEqual([]);
});

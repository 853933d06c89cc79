// A job anyone with access to Redis wrote: a pipeline given as a path or a slug leaving the output
// folder is refused for good (UnrecoverableError), before the worker reads or writes anything.
import { UnrecoverableError, type Job } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { documentProcessor, type DocumentJobData } from '../../src/queue/document-job.ts';
import type { DocumentSession } from '../../src/runner/document-session.ts';

const ran: unknown[] = [];
const session = {
  pipeline: { name: 'article' },
  loaded: {},
  settings: async () => 'settings',
  runOne: async (d: unknown) => (ran.push(d), { outcome: { status: 'done' } }),
} as unknown as DocumentSession;
const job = (data: Partial<DocumentJobData>) =>
  ({
    data: { runId: 'r', file: '/in/a.txt', slug: 'a', outDir: '/out', pipeline: 'article', settings: 'settings', inputHash: 'h', noCache: false, ...data },
  }) as Job<DocumentJobData>;

describe('a job from the queue', () => {
  const run = documentProcessor(session);

  it.each([
    [{ pipeline: '/any/file.yaml' }, 'refused a job from the queue: its pipeline is not a pipeline name, not a path'],
    [{ pipeline: '../pipelines/article' }, 'refused a job from the queue: its pipeline is not a pipeline name, not a path'],
    [{ pipeline: 'article.yaml' }, 'refused a job from the queue: its pipeline is not a pipeline name, not a path'],
    [{ slug: '../../etc' }, 'refused a job from the queue: its slug is not a folder name inside the output folder'],
    [{ slug: 'a/b' }, 'refused a job from the queue: its slug is not a folder name inside the output folder'],
    [{ slug: '..' }, 'refused a job from the queue: its slug is not a folder name inside the output folder'],
  ])('is refused for good when it names %j', async (data, message) => {
    const err = await run(job(data)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect(err?.message).toBe(message);
    expect(ran).toEqual([]);
  });

  it('runs one that names its pipeline and a slug', async () => {
    await run(job({}));
    expect(ran).toHaveLength(1);
  });
});

// Messages of runs through a queue and of queue workers, worded as the catalogue in
// src/diagnostics/messages.ts words its own ("expected X, got `y`"), each with a stable code.
// A Redis URL is always shown with its password redacted.
import { redactSecrets as r } from '../diagnostics/redact.ts';

export const queueMessages = {
  badUrl: (option: string, url: string) => ({
    code: 'USAGE',
    message: `${option}: expected a Redis URL such as redis://127.0.0.1:6379 or redis://HOST:PORT/DB, got \`${r(url)}\``,
  }),
  unreachable: (url: string, reason: string) => ({ code: 'QUEUE_UNREACHABLE', message: `cannot reach Redis at ${r(url)}: ${reason}` }),
  unsuitable: (url: string, problems: string[]) => ({ code: 'QUEUE_REDIS', message: `Redis at ${r(url)} cannot hold audarma's queue: ${problems.join('; ')}` }),
  redisGone: (url: string, seconds: number) => ({
    code: 'QUEUE_REDIS_GONE',
    message: `Redis at ${r(url)} has not answered for ${seconds} s (queue.redisDownSeconds); stopping. Documents already finished stay written; run again once Redis is back`,
  }),
  redisWaiting: (url: string, seconds: number) => `Redis at ${r(url)} does not answer; waiting up to ${seconds} s for it (queue.redisDownSeconds)`,
  redisBack: (url: string) => `Redis at ${r(url)} answers again; going on`,
  requeued: (n: number) => `${n} queued document${n === 1 ? ' was' : 's were'} gone from Redis (restarted without persistence?) and queued again`,
  settingsDiffer: (host: string) =>
    `the queue worker on ${host} has other settings than the run (config, pipeline or glossary differ); give every queue worker the run's config file`,
  stalledTooOften: (limit: number) =>
    `the queue workers running it stopped ${limit + 1} time${limit === 0 ? '' : 's'} (killed or lost) while they held it (queue.maxStalledCount ${limit}); a document that brings workers down is not tried again`,
  attemptsFailed: (attempts: number, reason: string) => `failed on queue workers ${attempts} time${attempts === 1 ? '' : 's'}: ${reason}`,
  runStopped: () => ({
    code: 'QUEUE_STOPPED',
    message: 'the queue worker running this scheduled run was stopped; documents not yet taken left the queue, the next scheduled run does the rest',
  }),
  badJob: (field: string, expected: string) => `refused a job from the queue: its ${field} is not ${expected}`,
  unknownRunJob: (name: string) => `scheduled run names job "${name}", which this worker's config does not have`,
};

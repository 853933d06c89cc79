import { openRuntime } from '../app/open-runtime.ts';
import { UserError } from '../diagnostics/messages.ts';
import { parseQueueUrl } from '../queue/connection.ts';
import { scheduleRun } from '../queue/scheduled-run.ts';

export interface ScheduleCommandOptions {
  config: string;
  job: string;
  cron?: string;
  tz?: string;
  remove?: boolean;
  queue?: string;
}

/** `audarma schedule --job NAME --cron PATTERN`: queue workers run the config's job at those times. */
export async function scheduleCommand(opts: ScheduleCommandOptions): Promise<number> {
  if (!opts.cron === !opts.remove) throw new UserError('USAGE', 'expected either --cron PATTERN or --remove');
  const runtime = await openRuntime({ config: opts.config, job: opts.job });
  const queue = opts.queue ?? runtime.job?.queue;
  if (!queue) throw new UserError('USAGE', `--queue: expected a Redis URL, or \`queue:\` in job ${opts.job} of ${runtime.loaded.file}`);
  const url = parseQueueUrl(queue, opts.queue ? '--queue' : `jobs.${opts.job}.queue`);
  process.stdout.write((await scheduleRun(url, opts.job, opts.remove ? undefined : opts.cron, opts.tz)) + '\n');
  return 0;
}

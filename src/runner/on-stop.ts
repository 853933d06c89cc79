const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
// One set of process handlers for every cleanup: with a handler per cleanup, each would see the
// others as "the program handles this signal" and none would run.
const cleanups = new Set<() => void>();

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // one failed cleanup must not keep the others from running
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  // The program has its own handler (a server's graceful shutdown): it decides when to end, and
  // the cleanups run on 'exit'.
  if (process.listenerCount(signal) > 1) return;
  runAll();
  uninstall();
  // Raised again with no handler left, so the process ends with the usual signal status.
  process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', runAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  process.removeListener('exit', runAll);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/**
 * Runs `cleanup` (synchronous: nothing async runs in 'exit') if the process ends before the
 * returned function is called: on 'exit', and on SIGINT or SIGTERM, after which the signal is
 * raised again so the process still ends as signalled (exit status 130 or 143 in a shell).
 * Cleanups run in the order they were registered. Calling the returned function unregisters.
 */
export function onStop(cleanup: () => void): () => void {
  if (cleanups.size === 0) install();
  cleanups.add(cleanup);
  return () => {
    if (!cleanups.delete(cleanup)) return;
    if (cleanups.size === 0) uninstall();
  };
}

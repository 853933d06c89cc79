// What the faces answer an error with, in one place: the first line a log or an answer shows, the
// one error a request is refused with (API and desk alike), and how a domain error maps to the
// CLI's exit code and to an HTTP status.
import { ConfigError } from './problem.ts';
import { UserError } from './messages.ts';

/** The first line of an error's message: what a log line or an HTTP answer shows of it. */
export function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/** A request a face refuses (the LibreTranslate API or the desk), sent as `{"error": message}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Errors of the store and the memory that a user can act on (another run holds the folder, a
 * damaged file), by class name, with the code they are reported under. Named rather than imported,
 * so that the CLI's start loads no database code.
 */
const DOMAIN_CODES: Readonly<Record<string, string>> = Object.freeze({
  LockedError: 'LOCKED',
  StoreCorruptError: 'STORE_CORRUPT',
  MemoryUnusableError: 'MEMORY_UNUSABLE',
});

/** `err` as the user should see it: a domain error becomes a UserError with its code and message; anything else is returned as is. */
export function forUser(err: unknown): unknown {
  const code = err instanceof Error && Object.hasOwn(DOMAIN_CODES, err.name) ? DOMAIN_CODES[err.name] : undefined;
  return code ? new UserError(code, (err as Error).message) : err;
}

/** Exit codes: 0 every document done, 1 some document failed, 2 usage, config or setup error. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/**
 * The exit code a command ends with after `err`: 2 for what the user can act on (a usage, config,
 * setup or domain error); undefined for anything else, a bug to be shown with its stack.
 */
export function exitCodeOf(err: unknown): number | undefined {
  return err instanceof ConfigError || forUser(err) instanceof UserError ? EXIT.usage : undefined;
}

/** The HTTP status of an error a route threw: a refusal's own, 400 for a correction the memory refused, else 500. */
export function httpStatusOf(err: unknown): number {
  if (err instanceof ApiError) return err.status;
  if (err instanceof Error && err.name === 'CorrectionRefused') return 400;
  return 500;
}

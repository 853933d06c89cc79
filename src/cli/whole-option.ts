import { messages, UserError } from '../diagnostics/messages.ts';

/**
 * The value of an option that takes a whole number from `min` (up to `max`), or the usage error
 * naming the option and what it takes; undefined when the option was not given.
 */
export function wholeOption(value: string | undefined, option: string, min: number, max?: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || (max !== undefined && n > max))
    throw UserError.from(
      messages.badOptionValue(option, max === undefined ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`, value),
    );
  return n;
}

/**
 * Requests per minute per client, counted in fixed one-minute windows. A request counts as many
 * requests as it carries texts (a list `q` of 50 is 50, as LibreTranslate counts it); one that would
 * go past the limit is refused and not counted, so a client below the limit is never locked out by
 * its own refused request.
 */
export class Limiter {
  private used = new Map<string, number>();
  private windowStart = 0;

  constructor(
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `n` for `client` when that stays within `max`; false (nothing counted) when it would not. */
  take(client: string, n: number, max: number): boolean {
    this.roll();
    const used = (this.used.get(client) ?? 0) + n;
    if (used > max) return false;
    this.used.set(client, used);
    return true;
  }

  /** Whether `client` has used `max` or more in this window. */
  spent(client: string, max: number): boolean {
    this.roll();
    return (this.used.get(client) ?? 0) >= max;
  }

  private roll(): void {
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      // A new window: every count starts again, and the map never holds more than a minute's clients.
      this.used = new Map();
      this.windowStart = t;
    }
  }
}

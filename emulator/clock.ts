/**
 * Issues RFC 3339 UTC timestamps with microseconds (`2026-06-23T05:53:19.774840Z`) from a
 * millisecond clock. Each timestamp is strictly later than the previous one, so `updated_at`
 * visibly moves on every change even when two changes fall in the same millisecond or the
 * injected clock stands still.
 */
export class TimestampClock {
  private lastMicros = 0;

  constructor(private readonly now: () => Date) {}

  /** The emulator's current time, as the injected clock reports it. */
  current(): Date {
    return this.now();
  }

  /** The next timestamp for a created or changed object. */
  next(): string {
    let micros = this.now().getTime() * 1000;
    if (micros <= this.lastMicros) micros = this.lastMicros + 1;
    this.lastMicros = micros;
    return formatMicros(micros);
  }
}

function formatMicros(micros: number): string {
  const wholeSeconds = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = String(micros % 1_000_000).padStart(6, "0");
  return `${wholeSeconds}.${fraction}Z`;
}

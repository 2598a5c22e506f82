/**
 * Per-checklist fetches for what a view shows. A key is wanted from its first fetch until it is forgotten;
 * a fetch asked for while one runs for that key runs once more after it (the first may predate the change
 * that asked), so two never run at once and the last answer is never stale.
 */
export class WantedFetches {
  /** The keys asked for, with the fetch in flight, if any. */
  private readonly wanted = new Map<string, Promise<void> | undefined>();
  private readonly again = new Set<string>();

  constructor(private readonly fetchOnce: (key: string) => Promise<void>) {}

  has(key: string): boolean {
    return this.wanted.has(key);
  }

  keys(): string[] {
    return [...this.wanted.keys()];
  }

  fetch(key: string): Promise<void> {
    const running = this.wanted.get(key);
    if (running) {
      this.again.add(key);
      return running;
    }
    const run = (async () => {
      do {
        this.again.delete(key);
        await this.fetchOnce(key);
      } while (this.again.has(key) && this.wanted.has(key));
    })().finally(() => this.wanted.get(key) === run && this.wanted.set(key, undefined));
    this.wanted.set(key, run);
    return run;
  }

  forget(key: string): void {
    this.wanted.delete(key);
    this.again.delete(key);
  }

  clear(): void {
    this.wanted.clear();
    this.again.clear();
  }
}

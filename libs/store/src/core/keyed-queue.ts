/**
 * Runs the work handed in for one key one after another, in the order it was handed in; work for different keys runs
 * concurrently. A key is forgotten as soon as its queue empties, so idle keys cost nothing.
 */
export class KeyedQueue {
  /** Per key, a promise that settles (never rejects) when the last work queued for it has settled. */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(ignore, ignore);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}

function ignore(): void {}

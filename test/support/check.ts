/**
 * Propulsion's Monitor.check: runs `body`; while it throws and `timeoutMs` has not elapsed, sleeps `backoffMs` and runs it
 * again. After the timeout the last error propagates.
 */
export async function checkWithRetry<T>(
  label: string,
  { backoffMs, timeoutMs }: { backoffMs: number; timeoutMs: number },
  body: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await body();
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(`Check "${label}" gave up after ${attempt} attempts: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}

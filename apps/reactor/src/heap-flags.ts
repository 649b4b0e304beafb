import { setFlagsFromString } from 'node:v8';

/**
 * The reactor's V8 heap settings, declared here only. main.ts first imports apply-heap-flags.ts, so they are in force
 * before anything else is loaded, however the reactor is started (npm start, nest start, the container image,
 * Kubernetes, the benchmarks): no launcher has to pass a flag.
 *
 * A catch-up allocates fast and keeps little: its heap after a full GC is ~25 MiB, yet with V8's defaults the process
 * reaches ~170–220 MiB, because the young generation grows to 2 × 16 MiB semi-spaces and the old one is let grow 3–4×
 * its live size between full GCs. Keeping the young generation at its initial size and letting the old one grow by
 * half holds the process near 105 MiB, for ~4 µs more CPU per event (see README, "Reactor memory").
 */
export const REACTOR_HEAP_FLAGS: readonly string[] = ['--semi-space-growth-factor=1', '--heap-growing-percent=50'];

/** The flags of `flags` that the command line does not set already: an operator's own value wins. */
export function heapFlagsToApply(flags: readonly string[], given: readonly string[]): string[] {
  const givenNames = new Set(given.map(flagName));
  return flags.filter((flag) => !givenNames.has(flagName(flag)));
}

/** `--heap-growing-percent=50` → `heap-growing-percent`; V8 reads `_` and `-` alike. */
function flagName(flag: string): string {
  return flag.replace(/^--?/, '').split('=')[0].replace(/_/g, '-');
}

/**
 * Sets REACTOR_HEAP_FLAGS but those the process was started with (node refuses them in NODE_OPTIONS). V8 reads both
 * whenever it sizes the heap, so setting them at run time takes effect (unlike sizes fixed at start-up, such as
 * --max-semi-space-size).
 */
export function applyHeapFlags(given: readonly string[] = process.execArgv, set: (flag: string) => void = setFlagsFromString): void {
  for (const flag of heapFlagsToApply(REACTOR_HEAP_FLAGS, given)) set(flag);
}

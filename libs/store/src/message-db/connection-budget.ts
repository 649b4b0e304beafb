/**
 * The most connections one process holds open to PostgreSQL unless told otherwise: its pools and its LISTEN connection
 * together. Statements beyond it wait in the process for a connection (MessageDbStore queues them), whatever the
 * process's concurrency settings, so a deployment needs (replicas × budget) connections, whatever its load.
 */
export const DEFAULT_CONNECTION_BUDGET = 10;

/**
 * Shares out a connection budget: each fixed part gets its count, the connections left are divided between the
 * `sharing` parts as evenly as they go (earlier ones get the odd connection). Throws a RangeError naming the smallest
 * budget that works when there is not at least one connection for each sharing part.
 */
export function splitConnectionBudget<F extends string, S extends string>(
  budget: number,
  fixed: Readonly<Record<F, number>>,
  sharing: readonly S[],
): Record<F | S, number> {
  const reserved = Object.values<number>(fixed).reduce((sum, n) => sum + n, 0);
  const left = budget - reserved;
  if (!Number.isInteger(budget) || left < sharing.length) {
    const parts = [...Object.entries<number>(fixed).filter(([, n]) => n > 0).map(([part]) => part), ...sharing];
    throw new RangeError(`A connection budget of ${budget} is too small: at least ${reserved + sharing.length} (${parts.join(', ')})`);
  }
  const shares = { ...fixed } as Record<F | S, number>;
  sharing.forEach((part, i) => (shares[part] = Math.floor(left / sharing.length) + (i < left % sharing.length ? 1 : 0)));
  return shares;
}

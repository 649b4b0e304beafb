import { HotelReadQueries, ProjectionState } from '@app/read-model';

/** The longest a list request waits for `?atLeast=`: past it, the list answers as it stands (its headers say how far). */
export const MAX_AT_LEAST_WAIT_MS = 5_000;

const FIRST_POLL_MS = 10;
const LONGEST_POLL_MS = 200;

/**
 * Waits, bounded, until the projection has passed a global position (read-your-writes for lists). The projector's
 * commits send no notification, so it re-reads the position, 10 ms after the first look and then ever less often (up
 * to every 200 ms): one indexed query per look.
 */
export class ProjectionWaiter {
  constructor(
    private readonly queries: HotelReadQueries,
    private readonly timeoutMs: number = MAX_AT_LEAST_WAIT_MS,
  ) {}

  async stateAtLeast(target: number | undefined): Promise<ProjectionState> {
    let state = await this.queries.projectionState();
    const deadline = Date.now() + this.timeoutMs;
    let delay = FIRST_POLL_MS;
    while (target !== undefined && state.position < target && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(delay, deadline - Date.now())));
      delay = Math.min(delay * 2, LONGEST_POLL_MS);
      state = await this.queries.projectionState();
    }
    return state;
  }
}

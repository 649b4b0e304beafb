import type { DeskApi, StayView } from '../api/desk-api';

export interface StayFilter {
  readonly status?: StayView['status'];
  /** Matched, ignoring case, against the room, the guest's name and the stay's id. */
  readonly text: string;
}

/**
 * The stays the desk knows: those checked in or opened in this session, each re-read from the API when listed.
 * Also the cache other panels use to name a stay they only know by id.
 */
export class StayDirectory {
  private readonly known = new Map<string, StayView>();

  constructor(private readonly api: DeskApi) {}

  remember(view: StayView): void {
    this.known.set(view.stayId, view);
  }

  cached(stayId: string): StayView | undefined {
    return this.known.get(stayId);
  }

  /** The known stays as they stand now, newest check-in first, that pass the filter. */
  async list(filter: StayFilter): Promise<StayView[]> {
    const views = await Promise.all([...this.known.keys()].map((stayId) => this.api.stay(stayId)));
    views.forEach((view) => this.remember(view));
    const text = filter.text.toLowerCase();
    return views
      .filter((view) => (filter.status === undefined || view.status === filter.status) && matches(view, text))
      .sort((a, b) => b.checkedInAt.localeCompare(a.checkedInAt));
  }
}

function matches(view: StayView, text: string): boolean {
  return [view.room, view.guestName, view.stayId].some((value) => value?.toLowerCase().includes(text));
}

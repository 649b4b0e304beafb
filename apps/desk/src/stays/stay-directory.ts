import type { DeskApi, ListPage, StayRow, StayView } from '../api/desk-api';

export interface StayFilter {
  readonly status?: StayView['status'];
  /** Part of the room or of the guest's name, any case. */
  readonly text: string;
}

type StayName = Pick<StayView, 'stayId' | 'room' | 'guestName'>;

/**
 * The stays in the hotel, from the API's list (the read side, waiting until it shows this session's writes); also the
 * names of the stays seen, for panels that know a stay only by id.
 */
export class StayDirectory {
  private readonly names = new Map<string, StayName>();

  constructor(private readonly api: DeskApi) {}

  remember({ stayId, room, guestName }: StayName): void {
    this.names.set(stayId, { stayId, room, guestName });
  }

  cached(stayId: string): StayName | undefined {
    return this.names.get(stayId);
  }

  async list(filter: StayFilter): Promise<ListPage<StayRow>> {
    const page = await this.api.stays({ status: filter.status, q: filter.text === '' ? undefined : filter.text });
    page.items.forEach((row) => this.remember(row));
    return page;
  }
}

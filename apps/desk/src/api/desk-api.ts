import createClient from 'openapi-fetch';
import { newId } from './ids';
import { ApiProblem, problemOf, unreachable } from './problem';
import type { components, paths } from './schema';
import { serverSentEvents } from './server-sent-events';
import { SessionFetch } from './session-fetch';

export type StayView = components['schemas']['StayView'];
export type GroupView = components['schemas']['GroupCheckoutView'];
export type FolioEntry = components['schemas']['FolioEntryView'];
export type Guest = Pick<components['schemas']['CheckInRequest'], 'room' | 'guestName'>;
export type StayRow = components['schemas']['StayListItem'];
export type GroupRow = components['schemas']['GroupCheckoutListItem'];
export type StayQuery = Pick<NonNullable<paths['/stays']['get']['parameters']['query']>, 'status' | 'q'>;

/** The most rows a list asks for (the API's maximum page). */
export const LIST_LIMIT = 200;

export interface ListPage<T> {
  readonly items: T[];
  /** More rows match than the page holds. */
  readonly more: boolean;
}

interface Answer<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The API calls the desk makes, typed by the client generated from the API's OpenAPI document. Each resolves with the
 * view the API answered, or rejects with an ApiProblem. New ids and idempotency keys are made here.
 */
export class DeskApi {
  private readonly client;

  constructor(
    private readonly session: SessionFetch,
    baseUrl: string = location.origin,
  ) {
    this.client = createClient<paths>({ baseUrl, fetch: session.fetch });
  }

  checkIn(guest: Guest): Promise<StayView> {
    return answer(this.client.POST('/stays/{stayId}/check-in', { params: { path: { stayId: newId() } }, body: guest }));
  }

  stay(stayId: string): Promise<StayView> {
    return answer(this.client.GET('/stays/{stayId}', { params: { path: { stayId } } }));
  }

  charge(stayId: string, amount: number): Promise<StayView> {
    const body = { chargeId: newId(), amount };
    return answer(this.client.POST('/stays/{stayId}/charges', { params: { path: { stayId } }, body }));
  }

  pay(stayId: string, amount: number): Promise<StayView> {
    const body = { paymentId: newId(), amount };
    return answer(this.client.POST('/stays/{stayId}/payments', { params: { path: { stayId } }, body }));
  }

  checkOut(stayId: string): Promise<StayView> {
    return answer(this.client.POST('/stays/{stayId}/check-out', { params: { path: { stayId } } }));
  }

  openGroupCheckout(stayIds: string[]): Promise<GroupView> {
    const path = { groupCheckoutId: newId() };
    return answer(this.client.POST('/group-checkouts/{groupCheckoutId}/stays', { params: { path }, body: { stayIds } }));
  }

  /** Stays from the read side, newest check-in first, once it shows this session's latest write. */
  async stays(query: StayQuery): Promise<ListPage<StayRow>> {
    const params = { query: { ...query, limit: LIST_LIMIT, atLeast: this.session.lastWritePosition } };
    const page = await answer(this.client.GET('/stays', { params }));
    return { items: page.items, more: page.nextCursor !== undefined };
  }

  /** Group checkouts in one status from the read side, once it shows this session's latest write. */
  async groupCheckouts(status: GroupRow['status']): Promise<ListPage<GroupRow>> {
    const params = { query: { status, limit: LIST_LIMIT, atLeast: this.session.lastWritePosition } };
    const page = await answer(this.client.GET('/group-checkouts', { params }));
    return { items: page.items, more: page.nextCursor !== undefined };
  }

  /**
   * The group checkout's views from its event stream: the current one, then each change, until it is confirmed (or
   * the stream breaks). Each event's id is the group's version, remembered for the next command's If-Match.
   */
  async *groupViews(groupCheckoutId: string, signal: AbortSignal): AsyncGenerator<GroupView> {
    const path = { groupCheckoutId };
    const body = await answer(this.client.GET('/group-checkouts/{groupCheckoutId}/events', { params: { path }, parseAs: 'stream', signal }));
    if (body === null) return;
    try {
      for await (const event of serverSentEvents(body)) {
        if (event.event !== 'view') continue;
        if (event.id !== undefined) this.session.noteVersion(`/group-checkouts/${groupCheckoutId}`, `"${event.id}"`);
        yield JSON.parse(event.data) as GroupView;
      }
    } catch (error) {
      if (signal.aborted) return;
      throw new ApiProblem(unreachable(error));
    }
  }

  payGroup(groupCheckoutId: string, amount: number): Promise<GroupView> {
    const body = { paymentId: newId(), amount };
    return answer(this.client.POST('/group-checkouts/{groupCheckoutId}/payments', { params: { path: { groupCheckoutId } }, body }));
  }

  confirm(groupCheckoutId: string): Promise<GroupView> {
    return answer(this.client.POST('/group-checkouts/{groupCheckoutId}/confirm', { params: { path: { groupCheckoutId } } }));
  }
}

async function answer<T>(request: Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await request;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiProblem(unreachable(error));
  }
  if (result.response.ok && result.data !== undefined) return result.data;
  throw new ApiProblem(problemOf(result.error, result.response));
}

import { randomUUID } from 'node:crypto';
import { groupStream, NewEvent, stayStream } from './store';

/** A small seeded generator (mulberry32), so a failing run can be repeated from the seed it printed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const integerBetween = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

export interface StayPlan {
  readonly stayId: string;
  readonly chargesCents: number[];
  readonly paymentsCents: number[];
}

export interface GroupPlan {
  readonly groupId: string;
  readonly stayIds: string[];
}

/** Stays with 1–3 charges; about a third fully paid (zero balance), a third partly paid, a third unpaid. */
export function planStays(random: () => number, count: number): StayPlan[] {
  return Array.from({ length: count }, () => {
    const chargesCents = Array.from({ length: integerBetween(random, 1, 3) }, () => integerBetween(random, 1, 50_000));
    const owed = chargesCents.reduce((a, b) => a + b, 0);
    const kind = random();
    const paymentsCents = kind < 0.33 ? [owed] : kind < 0.66 && owed > 1 ? [integerBetween(random, 1, owed - 1)] : [];
    return { stayId: randomUUID(), chargesCents, paymentsCents };
  });
}

const at = () => new Date().toISOString();
const decimal = (cents: number) => cents / 100;

/** The events the API writes for a check-in, its charges and payments (the product's wire format). */
export function stayEvents(stay: StayPlan): NewEvent[] {
  const stream = stayStream(stay.stayId);
  return [
    { stream, type: 'CheckedIn', data: { at: at() } },
    ...stay.chargesCents.map((c) => ({ stream, type: 'Charged', data: { amount: decimal(c), at: at(), chargeId: randomUUID() } })),
    ...stay.paymentsCents.map((c) => ({ stream, type: 'Paid', data: { amount: decimal(c), at: at(), paymentId: randomUUID() } })),
  ];
}

/**
 * Groups of minSize–maxSize stays; a `sharedFraction` of the selections take a stay another group selected too, so
 * groups contend for it.
 */
export function planGroups(random: () => number, stayIds: readonly string[], count: number, minSize: number, maxSize: number, sharedFraction = 0.1): GroupPlan[] {
  let next = 0;
  const used: string[] = [];
  return Array.from({ length: count }, () => {
    const size = integerBetween(random, minSize, maxSize);
    const chosen = new Set<string>();
    while (chosen.size < size) {
      const share = used.length > 0 && (random() < sharedFraction || next >= stayIds.length);
      const stay = share ? used[Math.floor(random() * used.length)] : stayIds[next++];
      chosen.add(stay);
      used.push(stay);
    }
    return { groupId: randomUUID(), stayIds: [...chosen] };
  });
}

export function selectionEvent(group: GroupPlan): NewEvent {
  return { stream: groupStream(group.groupId), type: 'StaysSelected', data: { at: at(), stays: group.stayIds } };
}

export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export interface ApiAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
  readonly elapsedMs: number;
}

/** A JSON client of the API process; status 0 when nothing answered within the timeout. */
export function apiClient(baseUrl: string, timeoutMs = 15_000) {
  const call = async (method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const started = Date.now();
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = { text };
      }
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: parsed, elapsedMs: Date.now() - started };
    } catch (error) {
      return { status: 0, contentType: '', body: { error: String(error) }, elapsedMs: Date.now() - started };
    }
  };
  return {
    checkIn: (stayId: string) => call('POST', `/stays/${stayId}/check-in`, {}),
    charge: (stayId: string, cents: number) => call('POST', `/stays/${stayId}/charges`, { chargeId: randomUUID(), amount: decimal(cents) }),
    pay: (stayId: string, cents: number) => call('POST', `/stays/${stayId}/payments`, { paymentId: randomUUID(), amount: decimal(cents) }),
    checkOut: (stayId: string) => call('POST', `/stays/${stayId}/check-out`),
    select: (groupId: string, stayIds: string[]) => call('POST', `/group-checkouts/${groupId}/stays`, { stayIds }),
    groupPay: (groupId: string, cents: number) => call('POST', `/group-checkouts/${groupId}/payments`, { paymentId: randomUUID(), amount: decimal(cents) }),
    group: (groupId: string) => call('GET', `/group-checkouts/${groupId}`),
    call,
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

import type { GroupView, StayView } from '../api/desk-api';

const MONEY = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

export function money(amount: number): string {
  return MONEY.format(amount);
}

export function dateTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** The first group of a UUID: enough for a clerk to tell records apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

export const STAY_STATUS: Record<StayView['status'], string> = {
  open: 'Open',
  checkedOut: 'Checked out',
  transferred: 'Transferred',
};

export const GROUP_STATUS: Record<GroupView['status'], string> = {
  merging: 'Merging',
  ready: 'Ready',
  confirmed: 'Confirmed',
};

/** A status badge; the class carries the colour, the text the meaning. */
export function badgeClass(status: string): string {
  return `badge badge-${status}`;
}

/** How the desk names a stay: its room and guest when the check-in named them, else the start of its id. */
export function stayLabel(stay: Pick<StayView, 'stayId' | 'room' | 'guestName'>): string {
  const parts = [stay.room === undefined ? undefined : `Room ${stay.room}`, stay.guestName].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : `Stay ${shortId(stay.stayId)}`;
}

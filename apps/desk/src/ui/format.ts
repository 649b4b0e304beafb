import type { GroupView, StayView } from '../api/desk-api';

const MONEY = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

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

/** How the desk names a stay in lists and headings. */
export function stayLabel(stayId: string): string {
  return `Stay ${shortId(stayId)}`;
}

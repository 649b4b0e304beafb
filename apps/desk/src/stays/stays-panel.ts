import { type DeskApi, LIST_LIMIT, type ListPage, type StayRow, type StayView } from '../api/desk-api';
import { button, el, fill, uniqueId } from '../ui/dom';
import { type FieldSpec, simpleForm } from '../ui/forms';
import { STAY_STATUS, badgeClass, dateTime, money, shortId, stayLabel } from '../ui/format';
import { NoticeArea } from '../ui/notice-area';
import type { StayDirectory, StayFilter } from './stay-directory';

export interface StaysPanelActions {
  openStay(stayId: string): void;
  openGroupCheckout(stayIds: string[]): Promise<void>;
}

const FILTER_DELAY_MS = 250;

/** The stays: check a guest in, filter the list, open a stay, pick open stays for a group checkout. */
export class StaysPanel {
  readonly element: HTMLElement;
  private readonly notices = new NoticeArea(() => void this.refresh());
  private readonly rows = el('tbody');
  private readonly selected = new Set<string>();
  private readonly groupButton = button('Group checkout for the selected stays', () => void this.groupSelected(), { disabled: true });
  private readonly statusFilter = el('select', { id: uniqueId('status'), name: 'status' });
  private readonly textFilter = el('input', { id: uniqueId('search'), name: 'q', type: 'search', placeholder: 'Room or guest' });
  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshes = 0;
  private shown = '';

  constructor(
    private readonly api: DeskApi,
    private readonly stays: StayDirectory,
    private readonly actions: StaysPanelActions,
  ) {
    const heading = el('h2', { id: uniqueId('stays-heading') }, 'Stays');
    this.element = el(
      'section',
      { class: 'panel stays-panel', 'aria-labelledby': heading.id },
      heading,
      this.checkInForm(),
      this.filterForm(),
      this.notices.element,
      el('div', { class: 'table-wrap' }, el('table', {}, el('caption', { class: 'visually-hidden' }, 'Stays in the hotel'), tableHead(), this.rows)),
      el('div', { class: 'actions' }, this.groupButton),
    );
  }

  /** Re-reads the list; a failure is shown, earlier notices stay; an answer overtaken by a later refresh is dropped. */
  async refresh(): Promise<void> {
    const refresh = ++this.refreshes;
    try {
      const page = await this.stays.list(this.filter());
      const shown = JSON.stringify(page);
      // Unchanged rows are left alone, so a periodic refresh does not take the keyboard focus away.
      if (refresh !== this.refreshes || shown === this.shown) return;
      this.shown = shown;
      this.render(page);
    } catch (error) {
      this.notices.problem(error);
    }
  }

  private checkInForm(): HTMLFormElement {
    const fields: FieldSpec[] = [
      { name: 'room', label: 'Room', input: { required: true, maxlength: '16', autocomplete: 'off', size: '6' } },
      { name: 'guestName', label: 'Guest name', input: { required: true, maxlength: '200', autocomplete: 'off' } },
    ];
    return simpleForm({ name: 'Check in a guest', submit: 'Check in', className: 'inline-form check-in', fields }, ({ room, guestName }) =>
      this.notices.run(async () => {
        const stay = await this.api.checkIn({ room, guestName });
        this.stays.remember(stay);
        this.notices.done(`${stayLabel(stay)} checked in.`);
        await this.refresh();
        this.actions.openStay(stay.stayId);
      }),
    );
  }

  private filterForm(): HTMLElement {
    const options: Array<[string, string]> = [['', 'All'], ...(Object.entries(STAY_STATUS) as Array<[string, string]>)];
    this.statusFilter.append(...options.map(([value, label]) => el('option', { value }, label)));
    this.statusFilter.value = 'open';
    const onChange = () => {
      clearTimeout(this.filterTimer);
      this.filterTimer = setTimeout(() => void this.refresh(), FILTER_DELAY_MS);
    };
    this.statusFilter.addEventListener('change', onChange);
    this.textFilter.addEventListener('input', onChange);
    return el(
      'div',
      { class: 'filters', role: 'search', 'aria-label': 'Filter the stays' },
      el('div', { class: 'field' }, el('label', { for: this.statusFilter.id }, 'Status'), this.statusFilter),
      el('div', { class: 'field' }, el('label', { for: this.textFilter.id }, 'Search'), this.textFilter),
    );
  }

  private filter(): StayFilter {
    const status = this.statusFilter.value;
    return { status: status === '' ? undefined : (status as StayView['status']), text: this.textFilter.value.trim() };
  }

  private render({ items, more }: ListPage<StayRow>): void {
    const open = new Set(items.filter((row) => row.status === 'open').map((row) => row.stayId));
    for (const stayId of this.selected) if (!open.has(stayId)) this.selected.delete(stayId);
    fill(this.rows, ...(items.length ? items.map((row) => this.row(row)) : [emptyRow()]), more ? moreRow() : null);
    this.updateGroupButton();
  }

  private row(view: StayRow): HTMLTableRowElement {
    const label = stayLabel(view);
    const select = el('input', { type: 'checkbox', 'aria-label': `Select ${label} for a group checkout`, disabled: view.status !== 'open' });
    select.checked = this.selected.has(view.stayId);
    select.addEventListener('change', () => {
      if (select.checked) this.selected.add(view.stayId);
      else this.selected.delete(view.stayId);
      this.updateGroupButton();
    });
    return el(
      'tr',
      { 'data-stay-id': view.stayId },
      el('td', { class: 'select' }, select),
      el('td', {}, view.room ?? '–'),
      el('th', { scope: 'row' }, view.guestName ?? `Stay ${shortId(view.stayId)}`),
      el('td', {}, el('span', { class: badgeClass(view.status) }, STAY_STATUS[view.status])),
      el('td', { class: 'amount' }, money(view.balance)),
      el('td', {}, dateTime(view.checkedInAt)),
      el('td', {}, button('Open', () => this.actions.openStay(view.stayId), { class: 'secondary', 'aria-label': `Open ${label}` })),
    );
  }

  private updateGroupButton(): void {
    const count = this.selected.size;
    this.groupButton.disabled = count === 0;
    this.groupButton.textContent = count === 0 ? 'Select open stays for a group checkout' : `Group checkout for ${count} selected stay${count === 1 ? '' : 's'}`;
  }

  private async groupSelected(): Promise<void> {
    const stayIds = [...this.selected];
    const done = await this.notices.run(() => this.actions.openGroupCheckout(stayIds));
    if (done) {
      this.selected.clear();
      // The list may not show the transfer yet (and an unchanged list is not redrawn): untick the boxes here.
      this.rows.querySelectorAll<HTMLInputElement>('input[type="checkbox"]').forEach((box) => (box.checked = false));
    }
    this.updateGroupButton();
  }
}

function tableHead(): HTMLTableSectionElement {
  const columns = ['Select', 'Room', 'Guest', 'Status', 'Balance', 'Checked in', 'Actions'];
  return el('thead', {}, el('tr', {}, ...columns.map((column) => el('th', { scope: 'col', class: column === 'Balance' ? 'amount' : undefined }, column))));
}

function moreRow(): HTMLTableRowElement {
  return el('tr', {}, el('td', { colspan: 7, class: 'empty' }, `Only the first ${LIST_LIMIT} are shown: narrow the filter.`));
}

function emptyRow(): HTMLTableRowElement {
  return el('tr', {}, el('td', { colspan: 7, class: 'empty' }, 'No stays match. Check a guest in, or change the filter.'));
}

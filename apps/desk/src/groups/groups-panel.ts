import { button, el, fill, uniqueId } from '../ui/dom';
import { GROUP_STATUS, badgeClass, money, shortId } from '../ui/format';
import { NoticeArea } from '../ui/notice-area';
import type { DeskApi, GroupRow } from '../api/desk-api';
import { openGroupCheckouts } from './open-group-checkouts';

/** The group checkouts not confirmed yet: their progress and balance, each one click from its page. */
export class GroupsPanel {
  readonly element: HTMLElement;
  private readonly notices = new NoticeArea(() => void this.refresh());
  private readonly rows = el('tbody');
  private refreshes = 0;
  private shown = '';

  constructor(
    private readonly api: DeskApi,
    private readonly openGroup: (groupCheckoutId: string) => void,
  ) {
    const heading = el('h2', { id: uniqueId('groups-heading') }, 'Open group checkouts');
    const columns = ['Group checkout', 'Status', 'Stays', 'Balance', 'Actions'];
    const head = el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c === 'Balance' ? 'amount' : undefined }, c))));
    this.element = el(
      'section',
      { class: 'panel groups-panel', 'aria-labelledby': heading.id },
      heading,
      this.notices.element,
      el('div', { class: 'table-wrap' }, el('table', {}, el('caption', { class: 'visually-hidden' }, 'Open group checkouts'), head, this.rows)),
    );
  }

  /** Re-reads the list; an answer overtaken by a later refresh is dropped. */
  async refresh(): Promise<void> {
    const refresh = ++this.refreshes;
    try {
      const page = await openGroupCheckouts(this.api);
      const shown = JSON.stringify(page);
      if (refresh !== this.refreshes || shown === this.shown) return;
      this.shown = shown;
      const { items, more } = page;
      fill(this.rows, ...(items.length ? items.map((row) => this.row(row)) : [emptyRow()]), more ? moreRow() : null);
    } catch (error) {
      this.notices.problem(error);
    }
  }

  private row(view: GroupRow): HTMLTableRowElement {
    const label = `Group ${shortId(view.groupCheckoutId)}`;
    const counts = `${view.merged} merged, ${view.failed} failed, ${view.pending} pending`;
    return el(
      'tr',
      { 'data-group-checkout-id': view.groupCheckoutId },
      el('th', { scope: 'row' }, label),
      el('td', {}, el('span', { class: badgeClass(view.status) }, GROUP_STATUS[view.status])),
      el('td', {}, counts),
      el('td', { class: 'amount' }, money(view.balance)),
      el('td', {}, button('Open', () => this.openGroup(view.groupCheckoutId), { class: 'secondary', 'aria-label': `Open ${label}` })),
    );
  }
}

function moreRow(): HTMLTableRowElement {
  return el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'More group checkouts are open than shown here.'));
}

function emptyRow(): HTMLTableRowElement {
  return el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'No open group checkouts. Select open stays above to start one.'));
}

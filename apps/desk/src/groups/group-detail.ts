import type { DeskApi, GroupView } from '../api/desk-api';
import type { StayDirectory } from '../stays/stay-directory';
import { button, el, fill, uniqueId } from '../ui/dom';
import { folioTable } from '../ui/folio';
import { amountForm } from '../ui/forms';
import { GROUP_STATUS, badgeClass, money, shortId, stayLabel } from '../ui/format';
import { NoticeArea } from '../ui/notice-area';
import { watchGroup } from './watch-group';

type StayState = 'pending' | 'merged' | 'failed';

const STAY_STATE: Record<StayState, string> = { pending: 'Pending', merged: 'Merged', failed: 'Failed' };

/** One group checkout: each stay's merge as the reactor works, the group balance, the payment, the confirmation. */
export class GroupDetail {
  readonly element: HTMLElement;
  private readonly heading = el('h2', { id: uniqueId('group-heading'), tabindex: -1 });
  private readonly summary = el('dl', { class: 'summary' });
  /** Announces the merge's progress to screen readers, once per change. */
  private readonly progress = el('p', { class: 'visually-hidden', role: 'status' });
  private readonly rows = el('tbody');
  private readonly payments = el('div');
  private readonly paymentForm: HTMLFormElement;
  private readonly notices = new NoticeArea(() => void this.load());
  private readonly commands: HTMLElement;
  private readonly stayOrder: string[] = [];
  private pendingBefore: number | undefined;
  private watching = new AbortController();

  constructor(
    private readonly api: DeskApi,
    private readonly stays: StayDirectory,
    private readonly groupCheckoutId: string,
    private readonly openStay: (stayId: string) => void,
    private readonly onChanged: () => void,
  ) {
    this.heading.textContent = `Group checkout ${shortId(groupCheckoutId)}`;
    this.paymentForm = amountForm({ name: 'Take the group payment', label: 'Group payment amount', submit: 'Take group payment' }, (amount) =>
      this.act(() => this.api.payGroup(groupCheckoutId, amount), `Paid ${money(amount)} towards the group.`),
    );
    this.commands = el(
      'div',
      { class: 'commands' },
      this.paymentForm,
      el('div', { class: 'actions' }, button('Confirm group checkout', () => void this.act(() => this.api.confirm(groupCheckoutId), 'Group checkout confirmed.'))),
    );
    const table = el('table', {}, el('caption', { class: 'visually-hidden' }, 'Stays of the group checkout'), head(), this.rows);
    this.element = el(
      'section',
      { class: 'panel detail', 'aria-labelledby': this.heading.id },
      this.heading,
      this.summary,
      this.progress,
      el('div', { class: 'table-wrap' }, table),
      this.payments,
      this.notices.element,
      this.commands,
    );
  }

  /** Shows the group and follows its event stream until it is confirmed. */
  async load(): Promise<void> {
    this.dispose();
    const watching = (this.watching = new AbortController());
    await this.notices.run(async () => {
      try {
        await watchGroup(this.api, this.groupCheckoutId, (view) => this.render(view), watching.signal);
      } catch (error) {
        if (!watching.signal.aborted) throw error;
      }
    });
  }

  focus(): void {
    this.heading.focus();
  }

  /** Stops following the group (the clerk opened something else). */
  dispose(): void {
    this.watching.abort();
  }

  private async act(command: () => Promise<GroupView>, done: string): Promise<boolean> {
    return this.notices.run(async () => {
      this.render(await command());
      this.notices.done(done);
      this.onChanged();
    });
  }

  /** Shows a view; when stays have settled since the last one shown, the lists learn what the merge changed. */
  private render(view: GroupView): void {
    const states = new Map<string, { state: StayState; residual?: number }>([
      ...view.pending.map((stayId) => [stayId, { state: 'pending' }] as const),
      ...view.merged.map(({ stayId, residual }) => [stayId, { state: 'merged', residual }] as const),
      ...view.failed.map((stayId) => [stayId, { state: 'failed' }] as const),
    ]);
    for (const stayId of states.keys()) if (!this.stayOrder.includes(stayId)) this.stayOrder.push(stayId);
    fill(this.rows, ...this.stayOrder.map((stayId) => this.row(stayId, states.get(stayId) ?? { state: 'pending' })));
    const counts = `${view.merged.length} merged, ${view.failed.length} failed, ${view.pending.length} pending`;
    fill(
      this.summary,
      el('dt', {}, 'Status'),
      el('dd', {}, el('span', { class: badgeClass(view.status) }, GROUP_STATUS[view.status])),
      el('dt', {}, 'Group balance'),
      el('dd', {}, el('span', { class: 'amount balance' }, money(view.balance))),
      el('dt', {}, 'Stays'),
      el('dd', {}, counts),
    );
    if (this.progress.textContent !== counts) this.progress.textContent = counts;
    fill(this.payments, folioTable('Group payments', view.payments, 'No group payment yet.'));
    this.suggestPayment(view.balance);
    this.commands.hidden = view.status === 'confirmed';
    if (view.pending.length !== this.pendingBefore) this.onChanged();
    this.pendingBefore = view.pending.length;
  }

  /** The amount field offers the balance, until the clerk types something else. */
  private suggestPayment(balance: number): void {
    const amount = this.paymentForm.querySelector<HTMLInputElement>('input[name="amount"]')!;
    if (amount.value === '' || amount.dataset.suggested === amount.value) {
      amount.value = balance > 0 ? balance.toFixed(2) : '';
      amount.dataset.suggested = amount.value;
    }
  }

  private row(stayId: string, { state, residual }: { state: StayState; residual?: number }): HTMLTableRowElement {
    const label = stayLabel(this.stays.cached(stayId) ?? { stayId });
    return el(
      'tr',
      { 'data-stay-id': stayId },
      el('th', { scope: 'row' }, button(label, () => this.openStay(stayId), { class: 'link', 'aria-label': `Open ${label}` })),
      el('td', {}, el('span', { class: badgeClass(state) }, STAY_STATE[state])),
      el('td', { class: 'amount' }, residual === undefined ? '' : money(residual)),
    );
  }
}

function head(): HTMLTableSectionElement {
  return el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Stay'), el('th', { scope: 'col' }, 'Merge'), el('th', { scope: 'col', class: 'amount' }, 'Taken over')));
}

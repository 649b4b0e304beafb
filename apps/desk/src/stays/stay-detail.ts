import type { DeskApi, StayView } from '../api/desk-api';
import { button, el, fill, uniqueId } from '../ui/dom';
import { folioTable } from '../ui/folio';
import { amountForm } from '../ui/forms';
import { STAY_STATUS, badgeClass, dateTime, money, shortId, stayLabel } from '../ui/format';
import { NoticeArea } from '../ui/notice-area';
import type { StayDirectory } from './stay-directory';

/** One stay: its balance and state; add a charge, take a payment, check it out. */
export class StayDetail {
  readonly element: HTMLElement;
  private readonly heading = el('h2', { id: uniqueId('stay-heading'), tabindex: -1 });
  private readonly summary = el('dl', { class: 'summary' });
  private readonly folio = el('div');
  private readonly notices = new NoticeArea(() => void this.load());
  private readonly commands: HTMLElement;

  constructor(
    private readonly api: DeskApi,
    private readonly stays: StayDirectory,
    private readonly stayId: string,
    private readonly onChanged: () => void,
    private readonly openGroup: (groupCheckoutId: string) => void,
  ) {
    this.heading.textContent = stayLabel({ stayId });
    this.commands = el(
      'div',
      { class: 'commands' },
      amountForm({ name: 'Add a charge', label: 'Charge amount', submit: 'Add charge' }, (amount) =>
        this.act((id) => this.api.charge(id, amount), `Charged ${money(amount)}.`),
      ),
      amountForm({ name: 'Take a payment', label: 'Payment amount', submit: 'Take payment' }, (amount) =>
        this.act((id) => this.api.pay(id, amount), `Paid ${money(amount)}.`),
      ),
      el('div', { class: 'actions' }, button('Check out', () => void this.act((id) => this.api.checkOut(id), 'Checked out.'))),
    );
    this.element = el('section', { class: 'panel detail', 'aria-labelledby': this.heading.id }, this.heading, this.summary, this.folio, this.notices.element, this.commands);
  }

  /** Reads the stay and shows it; the heading takes the focus so keyboard and screen-reader users land on it. */
  async load(): Promise<void> {
    await this.notices.run(async () => this.render(await this.api.stay(this.stayId)));
  }

  focus(): void {
    this.heading.focus();
  }

  private async act(command: (stayId: string) => Promise<StayView>, done: string): Promise<boolean> {
    return this.notices.run(async () => {
      this.render(await command(this.stayId));
      this.notices.done(done);
      this.onChanged();
    });
  }

  private render(view: StayView): void {
    this.stays.remember(view);
    this.heading.textContent = stayLabel(view);
    const group = view.groupCheckoutId;
    fill(
      this.summary,
      ...entry('Status', el('span', { class: badgeClass(view.status) }, STAY_STATUS[view.status])),
      ...entry('Balance', el('span', { class: 'amount balance' }, money(view.balance))),
      ...entry('Checked in', dateTime(view.checkedInAt)),
      ...(view.checkedOutAt === undefined ? [] : entry('Checked out', dateTime(view.checkedOutAt))),
      ...(group === undefined
        ? []
        : entry('Group checkout', button(`Group ${shortId(group)}`, () => this.openGroup(group), { class: 'link' }), ` took over ${money(view.residual ?? 0)}`)),
    );
    fill(this.folio, folioTable('Folio', view.folio, 'Nothing charged or paid yet.'));
    this.commands.hidden = view.status !== 'open';
  }
}

function entry(term: string, ...description: Array<Node | string>): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, ...description)];
}

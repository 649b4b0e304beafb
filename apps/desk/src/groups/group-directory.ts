import type { DeskApi, GroupView } from '../api/desk-api';

/** The group checkouts the desk knows: those opened in this session, each re-read from the API when listed. */
export class GroupDirectory {
  private readonly known = new Set<string>();

  constructor(private readonly api: DeskApi) {}

  remember(view: GroupView): void {
    this.known.add(view.groupCheckoutId);
  }

  /** The known group checkouts that are not confirmed yet. */
  async listOpen(): Promise<GroupView[]> {
    const views = await Promise.all([...this.known].map((groupCheckoutId) => this.api.groupCheckout(groupCheckoutId)));
    return views.filter((view) => view.status !== 'confirmed');
  }
}

import { ApiProblem } from '../api/problem';
import { button, el, fill } from './dom';

/**
 * Where a panel tells the clerk what went wrong, from the API's problem details (title, detail, each invalid field),
 * or confirms what was done. A stale view (412) offers to reload it. Live regions, so screen readers announce them.
 */
export class NoticeArea {
  readonly element = el('div', { class: 'notices' });
  private readonly alert = el('div', { role: 'alert' });
  private readonly status = el('div', { role: 'status' });

  constructor(private readonly reload?: () => void) {
    this.element.append(this.alert, this.status);
  }

  clear(): void {
    fill(this.alert);
    fill(this.status);
  }

  done(message: string): void {
    this.clear();
    fill(this.status, el('p', { class: 'notice notice-done' }, message));
  }

  problem(error: unknown): void {
    this.clear();
    if (!(error instanceof ApiProblem)) {
      fill(this.alert, el('p', { class: 'notice notice-problem' }, `Unexpected error: ${String(error)}`));
      return;
    }
    const { title, detail, errors } = error.problem;
    const reload = error.isStaleView && this.reload ? button('Reload', this.reload, { class: 'secondary' }) : null;
    fill(
      this.alert,
      el(
        'div',
        { class: 'notice notice-problem' },
        el('strong', {}, error.isStaleView ? 'Changed since you looked' : title),
        el('p', {}, detail),
        errors?.length ? el('ul', {}, ...errors.map((e) => el('li', {}, `${e.field}: ${e.messages.join('; ')}`))) : null,
        error.isStaleView ? el('p', {}, 'Reload to see the current state, then try again.') : null,
        reload,
      ),
    );
  }

  /** Runs a clerk's action: clears old notices, and shows the problem if it fails. Resolves false then. */
  async run(action: () => Promise<void>): Promise<boolean> {
    this.clear();
    try {
      await action();
      return true;
    } catch (error) {
      this.problem(error);
      return false;
    }
  }
}

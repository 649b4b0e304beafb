import { DeskApi } from './api/desk-api';
import { SessionFetch } from './api/session-fetch';
import { GroupDetail } from './groups/group-detail';
import { GroupsPanel } from './groups/groups-panel';
import { StayDetail } from './stays/stay-detail';
import { StayDirectory } from './stays/stay-directory';
import { StaysPanel } from './stays/stays-panel';
import { el, fill } from './ui/dom';
import { tokenDialog } from './ui/token-dialog';

/** What the detail column shows, named by the location's hash so that back/forward and reload keep it. */
type Route = { kind: 'stay'; id: string } | { kind: 'group'; id: string } | { kind: 'none' };

const ROUTES: Array<[RegExp, 'stay' | 'group']> = [
  [/^#\/stays\/([0-9a-f-]{36})$/i, 'stay'],
  [/^#\/group-checkouts\/([0-9a-f-]{36})$/i, 'group'],
];

const LIST_REFRESH_MS = 3_000;

function routeOf(hash: string): Route {
  for (const [pattern, kind] of ROUTES) {
    const id = pattern.exec(hash)?.[1];
    if (id !== undefined) return { kind, id: id.toLowerCase() };
  }
  return { kind: 'none' };
}

function start(): void {
  const api = new DeskApi(new SessionFetch(tokenDialog()));
  const stays = new StayDirectory(api);
  const openStay = (stayId: string) => (location.hash = `#/stays/${stayId}`);
  const openGroup = (groupCheckoutId: string) => (location.hash = `#/group-checkouts/${groupCheckoutId}`);
  const refreshLists = () => void Promise.all([staysPanel.refresh(), groupsPanel.refresh()]);

  const staysPanel = new StaysPanel(api, stays, {
    openStay,
    async openGroupCheckout(stayIds) {
      const group = await api.openGroupCheckout(stayIds);
      openGroup(group.groupCheckoutId);
      refreshLists();
    },
  });
  const groupsPanel = new GroupsPanel(api, openGroup);
  const detail = el('div', { class: 'detail-slot' });
  let current: StayDetail | GroupDetail | undefined;

  const show = (route: Route) => {
    if (current instanceof GroupDetail) current.dispose();
    current =
      route.kind === 'stay'
        ? new StayDetail(api, stays, route.id, refreshLists, openGroup)
        : route.kind === 'group'
          ? new GroupDetail(api, stays, route.id, openStay, refreshLists)
          : undefined;
    if (current === undefined) {
      fill(detail, el('section', { class: 'panel detail placeholder' }, el('p', {}, 'Open a stay or a group checkout to see it here.')));
      return;
    }
    fill(detail, current.element);
    current.focus();
    void current.load();
  };

  fill(document.getElementById('stays')!, staysPanel.element);
  fill(document.getElementById('detail')!, detail);
  fill(document.getElementById('groups')!, groupsPanel.element);
  window.addEventListener('hashchange', () => show(routeOf(location.hash)));
  show(routeOf(location.hash));
  refreshLists();
  // The lists come from the read side, which other clerks and the reactor change too.
  setInterval(() => document.visibilityState === 'visible' && refreshLists(), LIST_REFRESH_MS);
}

start();

import type { DeskApi, GroupRow, ListPage } from '../api/desk-api';

const OPEN_STATUSES: Array<GroupRow['status']> = ['merging', 'ready'];

/** The group checkouts not confirmed yet, from the API's list (the read side), newest first. */
export async function openGroupCheckouts(api: DeskApi): Promise<ListPage<GroupRow>> {
  const pages = await Promise.all(OPEN_STATUSES.map((status) => api.groupCheckouts(status)));
  return {
    items: pages.flatMap((page) => page.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
    more: pages.some((page) => page.more),
  };
}

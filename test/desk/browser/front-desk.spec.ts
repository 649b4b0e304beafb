import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { checkIn, openedStay, submitAmount } from './support/clerk';
import { Desk, openDesk } from './support/desk-harness';

const SCREENSHOT = path.resolve(__dirname, '../../../docs/desk.png');
const TABLET_SCREENSHOT = path.resolve(__dirname, '../../../docs/desk-tablet.png');
const GUESTS = [
  { room: '101', name: 'Ada Lovelace', charge: '120.50' },
  { room: '102', name: 'Charles Babbage', charge: '80' },
  { room: 'Suite 7', name: 'Grace Hopper', charge: '45.25' },
];

/** The clerk's day on the real API, reactor and PostgreSQL, through the page in a real browser. */
describe('the front desk in a browser', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
  });
  afterAll(() => desk?.close());

  it('opens at / and shows the desk', async () => {
    await page.goto(`${desk.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/desk/');
    await page.getByRole('heading', { name: 'Front desk' }).waitFor();
    await page.getByRole('heading', { name: 'Stays' }).waitFor();
  });

  const stayIds: string[] = [];

  it('checks three guests in and charges them; each folio shows the charge', async () => {
    for (const guest of GUESTS) {
      await checkIn(page, guest.room, guest.name);
      const detail = await openedStay(page, stayIds.at(-1));
      stayIds.push(detail.stayId);
      await detail.panel.getByRole('heading', { name: `Room ${guest.room} · ${guest.name}` }).waitFor();
      await submitAmount(detail.panel, 'Add a charge', guest.charge);
      await detail.panel.getByText(`Charged ${Number(guest.charge).toFixed(2)}.`).waitFor();
      await detail.panel.getByRole('table', { name: 'Folio' }).getByRole('row', { name: /Charge/ }).waitFor();
    }
    await stayRow(page, stayIds[2]).locator('td.amount', { hasText: '45.25' }).waitFor();
    expect(await balancesOf(page, stayIds)).toEqual(['120.50', '80.00', '45.25']);
  });

  it('shows the problem when a check-out is refused', async () => {
    await stayRow(page, stayIds[2]).getByRole('button', { name: /^Open/ }).click();
    await page.waitForURL(new RegExp(`#/stays/${stayIds[2]}$`));
    const { panel } = await openedStay(page);
    await panel.getByRole('button', { name: 'Check out' }).click();
    const alert = panel.getByRole('alert');
    await alert.getByText('Balance outstanding').waitFor();
    expect(await alert.textContent()).toContain('has a balance of 45.25 outstanding');
  });

  it('filters the list by guest, room or status', async () => {
    await page.getByLabel('Search').fill('babbage');
    await onlyRow(page, stayIds[1]);
    await page.getByLabel('Search').fill('suite');
    await onlyRow(page, stayIds[2]);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('checkedOut');
    await page.getByText('No stays match').waitFor();
    await page.getByLabel('Status').selectOption('open');
    await waitForRowCount(page, 3);
  });

  it('groups two stays, watches the merge, takes the group payment and confirms', async () => {
    for (const stayId of stayIds.slice(0, 2)) await stayRow(page, stayId).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Group checkout for 2 selected stays' }).click();
    const group = page.locator('section.detail');
    await group.getByRole('heading', { name: /^Group checkout / }).waitFor();
    for (const stayId of stayIds.slice(0, 2)) await group.locator(`tr[data-stay-id="${stayId}"]`).getByText('Merged').waitFor();
    await group.getByRole('button', { name: 'Open Room 101 · Ada Lovelace' }).waitFor();
    await group.getByText('Ready', { exact: true }).waitFor();
    expect(await group.locator('.balance').textContent()).toBe('200.50');
    await page.getByRole('region', { name: 'Open group checkouts' }).getByText('2 merged, 0 failed, 0 pending').waitFor();
    await page.getByLabel('Status').selectOption('');
    await stayRow(page, stayIds[0]).getByText('Transferred').waitFor();
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: TABLET_SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

    expect(await group.getByRole('form', { name: 'Take the group payment' }).getByLabel('Amount').inputValue()).toBe('200.50');
    await group.getByRole('button', { name: 'Take group payment' }).click();
    await group.getByText('Paid 200.50 towards the group.').waitFor();
    await group.getByRole('table', { name: 'Group payments' }).getByRole('row', { name: /Payment/ }).waitFor();
    await group.getByRole('button', { name: 'Confirm group checkout' }).click();
    await group.getByText('Group checkout confirmed.').waitFor();
    await group.getByText('Confirmed', { exact: true }).waitFor();
  });
});

function stayRows(page: Page): Locator {
  return page.locator('.stays-panel tbody tr[data-stay-id]');
}

function stayRow(page: Page, stayId: string): Locator {
  return page.locator(`.stays-panel tbody tr[data-stay-id="${stayId}"]`);
}

async function balancesOf(page: Page, stayIds: string[]): Promise<string[]> {
  return Promise.all(stayIds.map((stayId) => stayRow(page, stayId).locator('td.amount').textContent() as Promise<string>));
}

/** Until the list shows that stay and no other. */
async function onlyRow(page: Page, stayId: string): Promise<void> {
  await stayRow(page, stayId).waitFor();
  await waitForRowCount(page, 1);
}

/** Until the list shows exactly `count` stays (the page's CSP forbids evaluating strings, so by locators). */
async function waitForRowCount(page: Page, count: number): Promise<void> {
  await stayRows(page).nth(count - 1).waitFor();
  await stayRows(page).nth(count).waitFor({ state: 'detached' });
}

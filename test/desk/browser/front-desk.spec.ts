import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { Desk, openDesk } from './support/desk-harness';

const SCREENSHOT = path.resolve(__dirname, '../../../docs/desk.png');

/** The clerk's day on the real API, reactor and PostgreSQL, through the page in a real browser. */
describe('the front desk in a browser', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk();
    page = desk.page;
    page.setDefaultTimeout(20_000);
  });
  afterAll(() => desk?.close());

  it('opens at / and shows the desk', async () => {
    await page.goto(`${desk.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/desk/');
    await page.getByRole('heading', { name: 'Front desk' }).waitFor();
    await page.getByRole('heading', { name: 'Stays' }).waitFor();
  });

  const stayIds: string[] = [];

  it('checks three guests in and charges them', async () => {
    for (const amount of ['120.50', '80', '45.25']) {
      const before = page.url();
      await page.getByRole('button', { name: 'Check in', exact: true }).click();
      await page.waitForURL((url) => url.href !== before);
      const detail = await openedStay(page);
      stayIds.push(detail.stayId);
      await submitAmount(detail.panel, 'Add a charge', amount);
      await detail.panel.getByText(`Charged ${Number(amount).toFixed(2)}.`).waitFor();
    }
    await stayRow(page, stayIds[2]).locator('td.amount', { hasText: '45.25' }).waitFor();
    expect(await balancesOf(page, stayIds)).toEqual(['120.50', '80.00', '45.25']);
  });

  it('shows the problem when a check-out is refused', async () => {
    await stayRow(page, stayIds[2]).getByRole('button', { name: /^Open/ }).click();
    const { panel } = await openedStay(page, stayIds[2]);
    await panel.getByRole('button', { name: 'Check out' }).click();
    const alert = panel.getByRole('alert');
    await alert.getByText('Balance outstanding').waitFor();
    expect(await alert.textContent()).toContain('has a balance of 45.25 outstanding');
  });

  it('filters the list', async () => {
    await page.getByLabel('Search').fill(stayIds[1].slice(0, 13));
    await waitForRowCount(page, 1);
    expect(await stayRows(page).first().getAttribute('data-stay-id')).toBe(stayIds[1]);
    await page.getByLabel('Search').fill('');
    await waitForRowCount(page, 3);
  });

  it('groups two stays, watches the merge, takes the group payment and confirms', async () => {
    for (const stayId of stayIds.slice(0, 2)) await stayRow(page, stayId).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Group checkout for 2 selected stays' }).click();
    const group = page.locator('section.detail');
    await group.getByRole('heading', { name: /^Group checkout / }).waitFor();
    for (const stayId of stayIds.slice(0, 2)) await group.locator(`tr[data-stay-id="${stayId}"]`).getByText('Merged').waitFor();
    await group.getByText('Ready', { exact: true }).waitFor();
    expect(await group.locator('.balance').textContent()).toBe('200.50');
    await page.getByRole('region', { name: 'Open group checkouts' }).getByText('2 merged, 0 failed, 0 pending').waitFor();
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await submitAmount(group, 'Take the group payment', '200.50');
    await group.getByText('Paid 200.50 towards the group.').waitFor();
    await group.getByRole('button', { name: 'Confirm group checkout' }).click();
    await group.getByText('Group checkout confirmed.').waitFor();
    await group.getByText('Confirmed', { exact: true }).waitFor();
  });
});

async function openedStay(page: Page, stayId?: string): Promise<{ stayId: string; panel: Locator }> {
  await page.waitForURL(stayId ? new RegExp(`#/stays/${stayId}$`) : /#\/stays\/[0-9a-f-]{36}$/);
  const id = /#\/stays\/([0-9a-f-]{36})$/.exec(page.url())![1];
  const panel = page.locator('section.detail');
  await panel.locator('.balance').waitFor();
  return { stayId: id, panel };
}

async function submitAmount(panel: Locator, form: string, amount: string): Promise<void> {
  const fields = panel.getByRole('form', { name: form });
  await fields.getByLabel('Amount').fill(amount);
  await fields.getByRole('button').click();
}

function stayRows(page: Page): Locator {
  return page.locator('.stays-panel tbody tr[data-stay-id]');
}

function stayRow(page: Page, stayId: string): Locator {
  return page.locator(`.stays-panel tbody tr[data-stay-id="${stayId}"]`);
}

async function balancesOf(page: Page, stayIds: string[]): Promise<string[]> {
  return Promise.all(stayIds.map((stayId) => stayRow(page, stayId).locator('td.amount').textContent() as Promise<string>));
}

/** Until the list shows exactly `count` stays (the page's CSP forbids evaluating strings, so by locators). */
async function waitForRowCount(page: Page, count: number): Promise<void> {
  await stayRows(page).nth(count - 1).waitFor();
  await stayRows(page).nth(count).waitFor({ state: 'detached' });
}

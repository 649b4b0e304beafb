import { Page } from 'playwright-core';
import { checkIn, openedStay, submitAmount } from './support/clerk';
import { Desk, openDesk } from './support/desk-harness';

const TOKEN = 'front-desk-browser-token-0123456789';
/** How often the page re-reads its lists (apps/desk/src/main.ts). */
const LIST_REFRESH_MS = 3_000;

/** With API_TOKEN set, the page asks for the token once and keeps it in the tab's memory only. */
describe('the front desk with API_TOKEN', () => {
  let desk: Desk;
  let page: Page;

  beforeAll(async () => {
    desk = await openDesk({ API_TOKEN: TOKEN });
    page = desk.page;
  });
  afterAll(() => desk?.close());

  const dialog = () => page.getByRole('dialog', { name: 'API token' });

  it('asks for the token as the page loads, again when it is refused, then works without asking', async () => {
    await dialog().getByText('This API asks for a token').waitFor();
    await dialog().getByLabel('Token').fill('not-the-token-at-all');
    await dialog().getByRole('button', { name: 'Use token' }).click();
    await dialog().getByText('did not accept that token').waitFor();
    await dialog().getByLabel('Token').fill(TOKEN);
    await dialog().getByRole('button', { name: 'Use token' }).click();
    await dialog().waitFor({ state: 'hidden' });

    await checkIn(page, '7', 'Alan Turing');
    const { panel } = await openedStay(page);
    await submitAmount(panel, 'Add a charge', '12.50');
    await panel.getByText('Charged 12.50.').waitFor();
    expect(await dialog().isVisible()).toBe(false);
  });

  it('keeps the token in memory only: nothing stored, a reload asks again', async () => {
    expect(await page.evaluate('localStorage.length + sessionStorage.length')).toBe(0);
    expect(await page.context().cookies()).toEqual([]);
    await page.reload();
    await dialog().waitFor();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('alert').getByText('Unauthorized').first().waitFor();
  });

  it('after a cancel, asks again for a command, not for the lists it keeps reading', async () => {
    await page.waitForTimeout(LIST_REFRESH_MS * 2);
    expect(await dialog().isVisible()).toBe(false);
    await checkIn(page, '8', 'Dorothy Vaughan');
    await dialog().waitFor();
  });
});

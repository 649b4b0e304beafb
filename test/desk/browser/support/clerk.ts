import { Locator, Page } from 'playwright-core';

const STAY_URL = /#\/stays\/([0-9a-f-]{36})$/;

/** What a clerk does on the page, as a person would: by labels, roles and names. */
export async function checkIn(page: Page, room: string, guestName: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Check in a guest' });
  await form.getByLabel('Room').fill(room);
  await form.getByLabel('Guest name').fill(guestName);
  await form.getByRole('button', { name: 'Check in' }).click();
}

/** The stay the detail column shows once the page has navigated to it (to any stay but `notStayId`). */
export async function openedStay(page: Page, notStayId?: string): Promise<{ stayId: string; panel: Locator }> {
  await page.waitForURL((url) => {
    const stayId = STAY_URL.exec(url.href)?.[1];
    return stayId !== undefined && stayId !== notStayId;
  });
  const stayId = STAY_URL.exec(page.url())![1];
  const panel = page.locator('section.detail');
  await panel.locator('.balance').waitFor();
  return { stayId, panel };
}

export async function submitAmount(panel: Locator, form: string, amount: string): Promise<void> {
  const fields = panel.getByRole('form', { name: form });
  await fields.getByLabel('Amount').fill(amount);
  await fields.getByRole('button').click();
}

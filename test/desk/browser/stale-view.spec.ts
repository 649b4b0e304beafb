import { randomUUID } from 'node:crypto';
import { checkIn, openedStay, submitAmount } from './support/clerk';
import { Desk, openDesk } from './support/desk-harness';

/** Two clerks on one stay: the page's command carries the version it showed, so a change it did not see is a 412. */
describe('the front desk on a stale view', () => {
  let desk: Desk;

  beforeAll(async () => (desk = await openDesk()));
  afterAll(() => desk?.close());

  it('asks to reload when the stay changed since the clerk looked, and the retry after reloading goes through', async () => {
    await checkIn(desk.page, '301', 'Katherine Johnson');
    const { stayId, panel } = await openedStay(desk.page);
    await panel.getByRole('heading', { name: 'Room 301 · Katherine Johnson' }).waitFor();

    const elsewhere = await fetch(`${desk.baseUrl}/stays/${stayId}/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chargeId: randomUUID(), amount: 30 }),
    });
    expect(elsewhere.status).toBe(200);

    await submitAmount(panel, 'Add a charge', '10');
    const alert = panel.getByRole('alert');
    await alert.getByText('Changed since you looked').waitFor();
    await alert.getByRole('button', { name: 'Reload' }).click();
    await panel.locator('.balance', { hasText: '30.00' }).waitFor();

    await submitAmount(panel, 'Add a charge', '10');
    await panel.getByText('Charged 10.00.').waitFor();
    expect(await panel.locator('.balance').textContent()).toBe('40.00');
  });
});

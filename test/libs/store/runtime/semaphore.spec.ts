import { Semaphore, beforeDeadline } from '@app/store/runtime';

/** Work that runs until released. */
function held() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { work: () => released, release };
}

const noTurn = () => new Error('no turn');

describe('Semaphore', () => {
  it('fails work that waits past its limit without running it, and still hands the place on to the next in line', async () => {
    const semaphore = new Semaphore(1);
    const holder = held();
    const running = semaphore.run(holder.work);
    let ran = false;
    const impatient = semaphore.run(async () => void (ran = true), { maxWaitMs: 10, timedOut: noTurn });
    const patient = semaphore.run(async () => 'patient ran');
    await expect(impatient).rejects.toThrow('no turn');
    expect(semaphore.queued).toBe(1);
    holder.release();
    await running;
    expect(await patient).toBe('patient ran');
    expect(ran).toBe(false);
    expect(semaphore.queued).toBe(0);
  });

  it('runs work that gets its turn within its limit', async () => {
    const semaphore = new Semaphore(1);
    const holder = held();
    const running = semaphore.run(holder.work);
    const waiting = semaphore.run(async () => 'ran', { maxWaitMs: 60_000, timedOut: noTurn });
    holder.release();
    await running;
    expect(await waiting).toBe('ran');
  });
});

describe('beforeDeadline', () => {
  it('answers the work when it ends first, else the timeout error', async () => {
    expect(await beforeDeadline(Promise.resolve('done'), Date.now() + 60_000, noTurn)).toBe('done');
    const never = new Promise<string>(() => undefined);
    await expect(beforeDeadline(never, Date.now() + 10, noTurn)).rejects.toThrow('no turn');
  });
});

import { execFileSync } from 'node:child_process';
import { REACTOR_HEAP_FLAGS, applyHeapFlags, heapFlagsToApply } from '../../../apps/reactor/src/heap-flags';

/**
 * The young generation's size (MiB) after a child process allocated a lot, having set `flags` at run time first (as
 * main.ts does).
 */
function youngGenerationAfterAllocating(flags: readonly string[]): number {
  const script = `
    const v8 = require('node:v8');
    for (const flag of ${JSON.stringify(flags)}) v8.setFlagsFromString(flag);
    const kept = [];
    for (let i = 0; i < 200000; i++) { kept.push({ i, text: 'event ' + i }); if (kept.length > 20000) kept.shift(); }
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
    process.stdout.write(String(young.space_size / 1048576));`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }));
}

describe('the reactor heap flags', () => {
  it('sets each flag the process was not started with, in any spelling, and leaves the others to the operator', () => {
    expect(heapFlagsToApply(REACTOR_HEAP_FLAGS, [])).toEqual(REACTOR_HEAP_FLAGS);
    expect(heapFlagsToApply(REACTOR_HEAP_FLAGS, ['--heap_growing_percent=20', '--inspect'])).toEqual(['--semi-space-growth-factor=1']);
    const set: string[] = [];
    applyHeapFlags(['--semi-space-growth-factor=2'], (flag) => set.push(flag));
    expect(set).toEqual(['--heap-growing-percent=50']);
  });

  it('keeps the young generation at its initial size when set at run time, where V8 grows it otherwise', () => {
    expect(youngGenerationAfterAllocating([])).toBeGreaterThan(2);
    expect(youngGenerationAfterAllocating(REACTOR_HEAP_FLAGS)).toBeLessThanOrEqual(2);
  });
});

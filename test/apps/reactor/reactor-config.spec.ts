import 'reflect-metadata';
import { REACTOR_DEFAULTS, ReactorStatus, resolveSettings, silentLogger } from '@app/store';
import { livenessProblems, livenessWindowMs, readinessProblems } from '../../../apps/reactor/src/management/reactor-health';
import { projectorSettingsOf, reactorSettingsOf } from '../../../apps/reactor/src/reactor-settings';
import { managementPortOf, validateReactorConfig } from '../../../apps/reactor/src/reactor.config';

describe('reactor configuration', () => {
  const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hotel' };

  it('has the template defaults', () => {
    expect(validateReactorConfig(valid)).toMatchObject({
      PROCESSOR_NAME: 'GroupCheckoutReactor',
      MAX_CONCURRENT_STREAMS: 8,
      MAX_READ_AHEAD: 16,
      MAX_READ_AHEAD_EVENTS: 4000,
      BATCH_SIZE: 1000,
      NOTIFICATIONS: true,
      FROM_TAIL: false,
      CHECKOUT_PARALLELISM: 5,
      DB_CONNECTIONS: 10,
      CONSUMER_GROUP_SIZE: undefined,
    });
  });

  it('has the documented defaults of the README, which are the library defaults', () => {
    const config = validateReactorConfig(valid);
    expect(config).toMatchObject({
      TAIL_SLEEP_MS: 1000,
      CHECKPOINT_INTERVAL_MS: 5000,
      RESET_CHECKPOINTS: false,
      RETRY_BASE_MS: 100,
      RETRY_MAX_MS: 30000,
      STUCK_THRESHOLD: 5,
      PARK_AFTER: 0,
      SHUTDOWN_TIMEOUT_MS: 10000,
    });
    const settings = reactorSettingsOf(config, silentLogger);
    expect(resolveSettings(settings)).toEqual(REACTOR_DEFAULTS);
    // The hotel projector, on by default, takes 3 of the 10 connections (LISTEN, feed, commits).
    expect(settings).toMatchObject({ processorName: 'GroupCheckoutReactor', notifications: true, checkoutParallelism: 5, connections: 7 });
  });

  it('runs the projector unless PROJECTIONS=false or a consumer-group member other than the first', () => {
    const on = validateReactorConfig({ ...valid, BATCH_SIZE: '50', TAIL_SLEEP_MS: '60', RETRY_BASE_MS: '20', RETRY_MAX_MS: '80' });
    expect(projectorSettingsOf(on, silentLogger)).toEqual({
      url: valid.DATABASE_URL,
      readUrl: undefined,
      notifications: true,
      source: { batchSize: 50, tailSleepMs: 60 },
      sink: { retry: { baseMs: 20, maxMs: 80 }, stuckThreshold: 5 },
      logger: silentLogger,
    });
    const off = validateReactorConfig({ ...valid, PROJECTIONS: 'false' });
    expect(projectorSettingsOf(off, silentLogger)).toBeUndefined();
    expect(reactorSettingsOf(off, silentLogger).connections).toBe(10);
    const first = validateReactorConfig({ ...valid, CONSUMER_GROUP_MEMBER: '0', CONSUMER_GROUP_SIZE: '2' });
    expect(projectorSettingsOf(first, silentLogger)).toBeDefined();
    const second = validateReactorConfig({ ...valid, CONSUMER_GROUP_MEMBER: '1', CONSUMER_GROUP_SIZE: '2' });
    expect(projectorSettingsOf(second, silentLogger)).toBeUndefined();
  });

  it('maps every setting to its place in the reactor settings', () => {
    const config = validateReactorConfig({
      ...valid,
      DATABASE_READ_URL: 'postgres://replica/hotel',
      CHECKPOINT_DATABASE_URL: 'postgres://checkpoints/hotel',
      PROCESSOR_NAME: 'P',
      MAX_CONCURRENT_STREAMS: '3',
      MAX_READ_AHEAD: '4',
      MAX_READ_AHEAD_EVENTS: '300',
      BATCH_SIZE: '50',
      TAIL_SLEEP_MS: '60',
      NOTIFICATIONS: 'false',
      FROM_TAIL: 'true',
      CHECKOUT_PARALLELISM: '2',
      DB_CONNECTIONS: '6',
      CHECKPOINT_INTERVAL_MS: '700',
      CONSUMER_GROUP_MEMBER: '1',
      CONSUMER_GROUP_SIZE: '2',
      RESET_CHECKPOINTS: 'true',
      RETRY_BASE_MS: '20',
      RETRY_MAX_MS: '80',
      STUCK_THRESHOLD: '9',
      PARK_AFTER: '12',
      SHUTDOWN_TIMEOUT_MS: '1500',
    });
    expect(reactorSettingsOf(config, silentLogger)).toEqual({
      writeUrl: valid.DATABASE_URL,
      readUrl: 'postgres://replica/hotel',
      checkpointUrl: 'postgres://checkpoints/hotel',
      processorName: 'P',
      notifications: false,
      checkoutParallelism: 2,
      connections: 6,
      consumerGroup: { member: 1, size: 2 },
      resetCheckpoints: true,
      source: { batchSize: 50, tailSleepMs: 60, fromTail: true },
      sink: { maxConcurrentStreams: 3, maxReadAhead: 4, maxReadAheadEvents: 300, retry: { baseMs: 20, maxMs: 80 }, stuckThreshold: 9, parkAfter: 12 },
      checkpoints: { intervalMs: 700 },
      drainTimeoutMs: 1500,
      logger: silentLogger,
    });
  });

  it('reads numbers and booleans from strings', () => {
    const config = validateReactorConfig({ ...valid, MAX_CONCURRENT_STREAMS: '3', FROM_TAIL: 'true', NOTIFICATIONS: '0' });
    expect(config).toMatchObject({ MAX_CONCURRENT_STREAMS: 3, FROM_TAIL: true, NOTIFICATIONS: false });
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ...valid, MAX_CONCURRENT_STREAMS: 'many' }, 'MAX_CONCURRENT_STREAMS must be an integer'],
    [{ ...valid, MAX_READ_AHEAD: '0' }, 'MAX_READ_AHEAD'],
    [{ ...valid, MAX_READ_AHEAD_EVENTS: '0' }, 'MAX_READ_AHEAD_EVENTS'],
    [{ ...valid, FROM_TAIL: 'maybe' }, 'FROM_TAIL must be a boolean'],
    [{ ...valid, PROCESSOR_NAME: 'a/b' }, 'PROCESSOR_NAME'],
    [{ ...valid, CONSUMER_GROUP_SIZE: '2' }, 'CONSUMER_GROUP_MEMBER: required'],
    [{ ...valid, CONSUMER_GROUP_MEMBER: '1' }, 'CONSUMER_GROUP_SIZE: required'],
    [{ ...valid, CONSUMER_GROUP_MEMBER: '2', CONSUMER_GROUP_SIZE: '2' }, 'CONSUMER_GROUP_MEMBER: must be below'],
    [{ ...valid, RETRY_BASE_MS: '500', RETRY_MAX_MS: '100' }, 'RETRY_MAX_MS'],
    [{ ...valid, DB_CONNECTIONS: '3' }, 'DB_CONNECTIONS must be an integer from 4 to 1000'],
    [{ ...valid, DB_CONNECTIONS: '6' }, 'DB_CONNECTIONS: at least 7 with PROJECTIONS on'],
    [{ ...valid, PROJECTIONS: 'sometimes' }, 'PROJECTIONS must be a boolean'],
    [{ ...valid, PARK_AFTER: '-1' }, 'PARK_AFTER must be an integer from 0'],
  ])('refuses %j naming the setting', (environment, message) => {
    expect(() => validateReactorConfig(environment)).toThrow(message);
  });
});

describe('reactor health', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  const running = {
    state: 'running',
    consecutiveReadErrors: 0,
    readOverdue: false,
    stuck: [],
    lastProgressAt: new Date(now - 1_000),
  } as unknown as ReactorStatus;
  const assess = (status: ReactorStatus) => ({
    live: livenessProblems(status, now, 60_000).length === 0,
    ready: readinessProblems(status).length === 0,
  });

  it('is live and ready while running and reading', () => {
    expect(assess(running)).toEqual({ live: true, ready: true });
  });

  it('is not ready while reads fail or go unanswered, or a stream is stuck, but stays live', () => {
    expect(assess({ ...running, consecutiveReadErrors: 2 })).toEqual({ live: true, ready: false });
    expect(assess({ ...running, readOverdue: true })).toEqual({ live: true, ready: false });
    const stuck = { ...running, stuck: [{ streamName: 'GroupCheckout-1' }] } as unknown as ReactorStatus;
    expect(assess(stuck)).toEqual({ live: true, ready: false });
    expect(readinessProblems(stuck)).toEqual(['stuck streams: GroupCheckout-1']);
  });

  it('is neither once faulted, and not ready once stopping', () => {
    expect(assess({ ...running, state: 'faulted' })).toEqual({ live: false, ready: false });
    expect(assess({ ...running, state: 'stopping' })).toEqual({ live: true, ready: false });
  });

  it('is not live once its loop has made no progress within the window, which 3 tail sleeps can widen', () => {
    expect(livenessProblems({ ...running, lastProgressAt: new Date(now - 61_000) }, now, 60_000)).toEqual([
      'no progress for 61000 ms (more than 60000 ms)',
    ]);
    expect(livenessWindowMs(1_000)).toBe(60_000);
    expect(livenessWindowMs(30_000)).toBe(90_000);
  });
});

describe('the management port', () => {
  const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hotel' };

  it('is REACTOR_HTTP_PORT, else the deprecated REACTOR_HEALTH_PORT, else none', () => {
    expect(managementPortOf(validateReactorConfig(valid))).toBe(0);
    expect(managementPortOf(validateReactorConfig({ ...valid, REACTOR_HEALTH_PORT: '8081' }))).toBe(8081);
    expect(managementPortOf(validateReactorConfig({ ...valid, REACTOR_HTTP_PORT: '9090', REACTOR_HEALTH_PORT: '8081' }))).toBe(9090);
  });
});

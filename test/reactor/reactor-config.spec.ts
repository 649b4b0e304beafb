import 'reflect-metadata';
import { ReactorStatus } from '@app/store';
import { assessHealth } from '../../apps/reactor/src/reactor-health';
import { validateReactorConfig } from '../../apps/reactor/src/reactor.config';

describe('reactor configuration', () => {
  const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/hotel' };

  it('has the template defaults', () => {
    expect(validateReactorConfig(valid)).toMatchObject({
      PROCESSOR_NAME: 'GroupCheckoutReactor',
      MAX_CONCURRENT_STREAMS: 8,
      MAX_READ_AHEAD: 16,
      BATCH_SIZE: 1000,
      NOTIFICATIONS: true,
      FROM_TAIL: false,
      CHECKOUT_PARALLELISM: 5,
      CONSUMER_GROUP_SIZE: undefined,
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
    [{ ...valid, FROM_TAIL: 'maybe' }, 'FROM_TAIL must be a boolean'],
    [{ ...valid, PROCESSOR_NAME: 'a/b' }, 'PROCESSOR_NAME'],
    [{ ...valid, CONSUMER_GROUP_SIZE: '2' }, 'CONSUMER_GROUP_MEMBER: required'],
    [{ ...valid, CONSUMER_GROUP_MEMBER: '1' }, 'CONSUMER_GROUP_SIZE: required'],
    [{ ...valid, CONSUMER_GROUP_MEMBER: '2', CONSUMER_GROUP_SIZE: '2' }, 'CONSUMER_GROUP_MEMBER: must be below'],
    [{ ...valid, RETRY_BASE_MS: '500', RETRY_MAX_MS: '100' }, 'RETRY_MAX_MS'],
  ])('refuses %j naming the setting', (environment, message) => {
    expect(() => validateReactorConfig(environment)).toThrow(message);
  });
});

describe('reactor health', () => {
  const running = {
    state: 'running',
    consecutiveReadErrors: 0,
    readOverdue: false,
    stuck: [],
  } as unknown as ReactorStatus;

  it('is live and ready while running and reading', () => {
    expect(assessHealth(running)).toEqual({ live: true, ready: true });
  });

  it('is not ready while reads fail or go unanswered, or a stream is stuck, but stays live', () => {
    expect(assessHealth({ ...running, consecutiveReadErrors: 2 })).toEqual({ live: true, ready: false });
    expect(assessHealth({ ...running, readOverdue: true })).toEqual({ live: true, ready: false });
    expect(assessHealth({ ...running, stuck: [{ streamName: 'GroupCheckout-1' }] } as unknown as ReactorStatus)).toEqual({
      live: true,
      ready: false,
    });
  });

  it('is neither once faulted, and not ready once stopping', () => {
    expect(assessHealth({ ...running, state: 'faulted' })).toEqual({ live: false, ready: false });
    expect(assessHealth({ ...running, state: 'stopping' })).toEqual({ live: true, ready: false });
  });
});

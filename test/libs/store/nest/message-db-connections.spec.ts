import { DEFAULT_CONNECTION_BUDGET } from '@app/store/message-db';
import { MessageDbConnections } from '@app/store/nest';

describe('MessageDbConnections (the Nest module) within its budget', () => {
  const url = 'postgres://postgres@127.0.0.1:1/unused';

  it.each([
    [undefined, undefined, [DEFAULT_CONNECTION_BUDGET - 1]],
    [6, undefined, [5]],
    [6, url, [3, 2]],
  ])('budget %p, replica %p: pools of %p besides the LISTEN connection', async (connections, readConnectionString, sizes) => {
    const opened = new MessageDbConnections({ connectionString: url, readConnectionString, connections, applicationName: 'budget-test' });
    try {
      expect([opened.pool, opened.readPool].filter((p) => p !== undefined).map((p) => p!.options.max)).toEqual(sizes);
    } finally {
      await opened.onApplicationShutdown();
    }
  });
});

import { AppLogger, LoggingConfig, createAppLogger, feedLoggerOf, redactSecrets, secretsOf } from '@app/store/nest';
import { Logger } from '@nestjs/common';
import fc from 'fast-check';

/** What the logger writes to stdout and stderr while `work` runs, line by line. */
function written(work: () => void): string[] {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => (chunks.push(chunk.toString()), true);
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks.join('').split('\n').filter((line) => line !== '');
}

const config = (settings: Partial<LoggingConfig>): LoggingConfig => Object.assign(new LoggingConfig(), settings);

describe('the application logger', () => {
  it('writes one JSON object a line, with the fields of a message as members of the line', () => {
    const logger = new AppLogger(config({ LOG_FORMAT: 'json' }));
    const lines = written(() => {
      logger.log('started', 'Api');
      logger.warn({ message: 'Stream Group-1: attempt 1 failed', streamName: 'Group-1', correlationId: 'r-1' }, 'Reactor');
      logger.error('it broke', 'Error: it broke\n    at somewhere (file.ts:1:1)', 'Api');
      logger.debug('not shown at the default level');
    });
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ level: 'log', message: 'started', context: 'Api' });
    expect(parsed[1]).toMatchObject({ level: 'warn', message: 'Stream Group-1: attempt 1 failed', streamName: 'Group-1', correlationId: 'r-1' });
    expect(parsed[2]).toMatchObject({ level: 'error', message: 'it broke', stack: expect.stringContaining('at somewhere') });
  });

  it('shows the fields after the message when pretty', () => {
    const logger = new AppLogger(config({ LOG_FORMAT: 'pretty' }));
    const [line] = written(() => logger.log({ message: 'GET /stays/:stayId 200', requestId: 'r-1', aborted: undefined }, 'Http'));
    expect(line).toContain('GET /stays/:stayId 200 requestId=r-1');
    expect(line).not.toContain('aborted');
  });

  it('writes JSON when stdout is not a terminal unless told otherwise, at the level LOG_LEVEL names', () => {
    expect(written(() => new AppLogger(config({}), [], false).log('x'))[0]).toMatch(/^\{/);
    expect(written(() => new AppLogger(config({}), [], true).log('x'))[0]).not.toMatch(/^\{/);
    const quiet = createAppLogger({ LOG_FORMAT: 'json', LOG_LEVEL: 'warn' });
    expect(written(() => (quiet.log('hidden'), quiet.warn('shown'))).map((line) => JSON.parse(line).message)).toEqual(['shown']);
    expect(() => createAppLogger({ LOG_LEVEL: 'chatty' })).toThrow('LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose');
    expect(() => createAppLogger({ LOG_FORMAT: 'xml' })).toThrow('LOG_FORMAT must be json or pretty');
  });

  it('never writes a connection string password, a bearer token or a secret setting, in messages, fields or stacks', () => {
    const environment = {
      LOG_FORMAT: 'json',
      DATABASE_URL: 'postgres://hotel:p%40ss-w0rd@db:5432/hotel',
      API_TOKEN: 'token-0123456789abcdef',
    };
    const logger = createAppLogger(environment);
    const lines = written(() => {
      logger.log('Store at postgres://hotel:p%40ss-w0rd@db:5432/hotel');
      logger.warn({ message: 'refused', header: 'Authorization: Bearer whatever-they-sent', token: 'token-0123456789abcdef' });
      logger.error('failed with p@ss-w0rd', 'Error: connect postgres://hotel:p%40ss-w0rd@db/hotel\n    at x (y.ts:1:1)');
      logger.log('host=db password=hunter2-long user=hotel');
    });
    const text = lines.join('\n');
    for (const secret of ['p%40ss-w0rd', 'p@ss-w0rd', 'token-0123456789abcdef', 'whatever-they-sent', 'hunter2-long']) {
      expect(text).not.toContain(secret);
    }
    expect(lines.map((line) => JSON.parse(line).message)).toContain('Store at postgres://hotel:***@db:5432/hotel');
  });

  it('finds the secrets of an environment: secret settings and connection string passwords', () => {
    expect(secretsOf({ API_TOKEN: 'token-0123456789abcdef', DATABASE_URL: 'postgres://u:pw%2Fx-long@h/db', PORT: '3000' })).toEqual([
      'token-0123456789abcdef',
      'pw%2Fx-long',
      'pw/x-long',
    ]);
    expect(redactSecrets('postgres://u@h/db and postgres://u:pw@h/db')).toBe('postgres://u@h/db and postgres://u:***@h/db');
  });

  it('masks exactly what applying every pattern to every line masks (it skips the patterns only on lines they cannot match)', () => {
    const everyPattern = (text: string, secrets: readonly string[]) => {
      let redacted = text
        .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)@/gi, '$1***@')
        .replace(/\b(Bearer\s+)[^\s"',;]+/gi, '$1***')
        .replace(/\b(password\s*=\s*)[^\s"',;]+/gi, '$1***');
      for (const secret of secrets) redacted = redacted.split(secret).join('***');
      return redacted;
    };
    const fragments = ['postgres://', 'HTTP://', ':', '@', '/', 'u', 'pw', ' ', '\t', 'Bearer ', 'bEaReR\t', 'password', 'PassWord =', '=', '"', ',', 'x', 'secret-long'];
    const text = fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.subarray(['secret-long', 'pw@x-1']), (line, secrets) => {
        expect(redactSecrets(line, secrets)).toBe(everyPattern(line, secrets));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a Nest logger as the reactor machinery logs to it', () => {
  it('keeps the fields of a line apart from its message', () => {
    const logger = new AppLogger(config({ LOG_FORMAT: 'json' }));
    Logger.overrideLogger(logger);
    const lines = written(() => feedLoggerOf(new Logger('Reactor')).warn('Stream Group-1 is stuck', { streamName: 'Group-1', causationId: 'e-1' }));
    expect(JSON.parse(lines[0])).toMatchObject({ message: 'Stream Group-1 is stuck', streamName: 'Group-1', causationId: 'e-1', context: 'Reactor' });
  });
});

import { validateApiConfig } from '../../../apps/api/src/config/api-config';
import { createApiApp } from '../../support/api-app';

describe('API configuration', () => {
  it('applies the defaults, and treats blank values as unset', () => {
    expect(validateApiConfig({ API_TOKEN: ' ', DATABASE_READ_URL: '', HOST: '' })).toEqual({
      PORT: 3000,
      HOST: '0.0.0.0',
      DB_CONNECTIONS: 10,
      STATE_CACHE_ENTRIES: 10_000,
      STORE_TIMEOUT_MS: 5000,
      CORS_ORIGINS: [],
    });
  });

  it('reads every setting', () => {
    const config = validateApiConfig({
      PORT: '8080',
      HOST: '::1',
      DATABASE_URL: 'postgres://app@db/hotel',
      DATABASE_READ_URL: 'postgresql://app@replica/hotel',
      API_TOKEN: '0123456789abcdef',
      DB_CONNECTIONS: '20',
      STATE_CACHE_ENTRIES: '0',
      STORE_TIMEOUT_MS: '2500',
      CORS_ORIGINS: 'https://desk.example.com, http://127.0.0.1:5173,',
    });
    expect(config).toMatchObject({ PORT: 8080, HOST: '::1', DB_CONNECTIONS: 20, STATE_CACHE_ENTRIES: 0, STORE_TIMEOUT_MS: 2500, API_TOKEN: '0123456789abcdef' });
    expect(config.CORS_ORIGINS).toEqual(['https://desk.example.com', 'http://127.0.0.1:5173']);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be an integer from 0 to 65535'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 0 to 65535'],
    [{ STATE_CACHE_ENTRIES: '-1' }, 'STATE_CACHE_ENTRIES must be an integer from 0 to 10000000'],
    [{ HOST: 'localhost' }, 'HOST must be an IP address, e.g. 127.0.0.1, 0.0.0.0 or ::'],
    [{ CORS_ORIGINS: 'https://desk.example.com/app' }, 'CORS_ORIGINS must be origins such as https://desk.example.com, comma-separated'],
    [{ CORS_ORIGINS: 'desk.example.com' }, 'CORS_ORIGINS must be origins such as https://desk.example.com, comma-separated'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL must be a postgres:// connection string'],
    [{ DATABASE_READ_URL: 'replica' }, 'DATABASE_READ_URL must be a postgres:// connection string'],
    [{ API_TOKEN: 'short' }, 'API_TOKEN must be at least 16 characters long'],
    [{ DB_CONNECTIONS: '2' }, 'DB_CONNECTIONS must be an integer from 3 to 1000'],
    [{ STORE_TIMEOUT_MS: 'soon' }, 'STORE_TIMEOUT_MS must be an integer from 100 to 600000'],
  ])('refuses %j, naming the setting', (environment, message) => {
    expect(() => validateApiConfig(environment)).toThrow(`Invalid API configuration:\n  ${message}`);
  });

  it('fails the start of the application on a bad setting, naming each one', async () => {
    const environment = { DATABASE_URL: 'mysql://x', DB_CONNECTIONS: '0' };
    await expect(createApiApp({ environment, logLevels: false })).rejects.toThrow(
      'Invalid API configuration:\n  DATABASE_URL must be a postgres:// connection string\n  DB_CONNECTIONS must be an integer from 3 to 1000',
    );
  });

  it('requires DATABASE_URL when no store is injected', async () => {
    await expect(createApiApp({ environment: {}, logLevels: false })).rejects.toThrow(
      'Invalid API configuration:\n  DATABASE_URL is required for the Message DB store',
    );
  });
});

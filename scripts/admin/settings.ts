import { GROUP_CHECKOUT_REACTOR_DEFAULTS } from '../../apps/reactor/src/group-checkout-reactor';
import { usageError } from './errors';

/** The admin CLI's settings: the same variables, and defaults, as the reactor's (it runs with the reactor's config). */
export interface AdminSettings {
  readonly databaseUrl: string;
  /** Where the checkpoints and parked streams are (default: the database). */
  readonly checkpointUrl: string;
  /** The processor whose handler `parked retry` runs. */
  readonly processorName: string;
  /** The reactor management port `stuck list` asks by default. */
  readonly reactorHttpPort?: number;
}

/** The variables the CLI reads (REACTOR_HEALTH_PORT: the reactor's older name of REACTOR_HTTP_PORT). */
export const ADMIN_SETTINGS = ['DATABASE_URL', 'CHECKPOINT_DATABASE_URL', 'PROCESSOR_NAME', 'REACTOR_HTTP_PORT', 'REACTOR_HEALTH_PORT'] as const;

export type Environment = Readonly<Record<string, string | undefined>>;

export function adminSettingsOf(environment: Environment): AdminSettings {
  const databaseUrl = blankToUndefined(environment.DATABASE_URL);
  if (databaseUrl === undefined) {
    throw usageError('DATABASE_URL is not set. Example: DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotel npm run admin -- checkpoints list');
  }
  const port = blankToUndefined(environment.REACTOR_HTTP_PORT) ?? blankToUndefined(environment.REACTOR_HEALTH_PORT);
  return {
    databaseUrl,
    checkpointUrl: blankToUndefined(environment.CHECKPOINT_DATABASE_URL) ?? databaseUrl,
    processorName: blankToUndefined(environment.PROCESSOR_NAME) ?? GROUP_CHECKOUT_REACTOR_DEFAULTS.processorName,
    reactorHttpPort: port === undefined ? undefined : Number(port),
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

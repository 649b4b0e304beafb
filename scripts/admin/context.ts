import { createPool } from '@app/store';
import pg from 'pg';
import { AdminSettings } from './settings';

export const ADMIN_APPLICATION_NAME = 'hotel-admin';

/** The settings and the connections a command uses, opened on first use and closed when the command is done. */
export class AdminContext {
  private storePool: pg.Pool | undefined;
  private checkpointPool: pg.Pool | undefined;

  constructor(readonly settings: AdminSettings) {}

  /** The message store's database. */
  get store(): pg.Pool {
    this.storePool ??= createPool(this.settings.databaseUrl, { max: 2, applicationName: ADMIN_APPLICATION_NAME });
    return this.storePool;
  }

  /** Where the checkpoints and parked streams are (the store's database unless CHECKPOINT_DATABASE_URL says otherwise). */
  get checkpoints(): pg.Pool {
    if (this.settings.checkpointUrl === this.settings.databaseUrl) return this.store;
    this.checkpointPool ??= createPool(this.settings.checkpointUrl, { max: 2, applicationName: ADMIN_APPLICATION_NAME });
    return this.checkpointPool;
  }

  async close(): Promise<void> {
    await Promise.all([this.storePool?.end(), this.checkpointPool?.end()]);
  }
}

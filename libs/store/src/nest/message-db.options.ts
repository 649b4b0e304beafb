import { ModuleMetadata } from '@nestjs/common';

/** Connections to one Message DB database (and optionally a read replica of it). */
export interface MessageDbModuleOptions {
  /** The primary: writes, and reads that ask for the leader; also where LISTEN runs (NOTIFY is sent there). */
  readonly connectionString: string;
  /** A replica for reads that accept one; the primary when omitted. */
  readonly readConnectionString?: string;
  /** Shown in pg_stat_activity; the LISTEN connection adds `-notifier`. */
  readonly applicationName: string;
  /**
   * The most connections the module holds open (DEFAULT_CONNECTION_BUDGET): one for LISTEN, the rest shared between the
   * primary's pool and the replica's.
   */
  readonly connections?: number;
  /** Bound on opening a connection or waiting for a free one (createPool's default: 5 s). */
  readonly connectionTimeoutMillis?: number;
  /** Bound on each statement, on the server and on waiting for its answer; none by default. */
  readonly statementTimeoutMillis?: number;
  /**
   * How long application start waits for the notifier to listen; past it the notifier keeps trying in the background
   * (hints are then missed until it listens). 0, the default, does not wait.
   */
  readonly listenTimeoutMillis?: number;
}

/** Options computed by a factory from injected providers (configuration), as TypeOrmModule.forRootAsync takes them. */
export interface MessageDbModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly useFactory: (...args: any[]) => MessageDbModuleOptions | Promise<MessageDbModuleOptions>;
  readonly inject?: any[];
}

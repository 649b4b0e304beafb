import { DynamicModule, Inject } from '@nestjs/common';
import { ConfigModule, getConfigToken, registerAs } from '@nestjs/config';
import { Environment, SettingsSchema, readSettings } from './settings';

/** An application's validated settings as one @nestjs/config namespace: its token, its decorator, its module. */
export interface SettingsNamespace {
  /** The provider token of the validated settings. */
  readonly token: string;
  /** Injects the validated settings. */
  Inject(): ParameterDecorator;
  /** The global ConfigModule reading only `environment`: validation runs when the application module is built. */
  forRoot(environment: Environment): Promise<DynamicModule>;
}

export function settingsNamespace<T extends object>(namespace: string, schema: SettingsSchema<T>): SettingsNamespace {
  const token = getConfigToken(namespace);
  return {
    token,
    Inject: () => Inject(token),
    forRoot: (environment) =>
      ConfigModule.forRoot({
        isGlobal: true,
        ignoreEnvFile: true,
        skipProcessEnv: true,
        load: [registerAs(namespace, () => readSettings(schema, environment))],
      }),
  };
}

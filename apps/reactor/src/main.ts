// First: the heap settings must be in force before anything else is loaded.
import './apply-heap-flags';
import 'reflect-metadata';
import { createAppLogger } from '@app/store/nest';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ReactorModule } from './reactor.module';

/** A standalone worker: runs until SIGTERM/SIGINT, then drains, checkpoints and exits 0. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ReactorModule.forRoot(), { abortOnError: false, logger: createAppLogger() });
  await app.init();
  const logger = new Logger('Reactor');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${error instanceof Error ? error.stack : String(error)}`);
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a second signal while draining must not fall back to the default (kill without a checkpoint).
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  new Logger('Reactor').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

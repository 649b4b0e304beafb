import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ReactorModule } from './reactor.module';

/** A standalone worker: runs until SIGTERM/SIGINT, then drains, checkpoints and exits 0. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(ReactorModule, { abortOnError: false });
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
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  new Logger('Reactor').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

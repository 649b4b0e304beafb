import { FeedLogger, LogFields } from '../../runtime/logger';
import { LoggerService } from '@nestjs/common';

/** A Nest logger as the reactor machinery's FeedLogger: a line's fields go with its message (see AppLogger). */
export function feedLoggerOf(logger: LoggerService): FeedLogger {
  const withFields = (message: string, fields?: LogFields) => (fields === undefined ? message : { message, ...fields });
  return {
    log: (message, fields) => logger.log(withFields(message, fields)),
    warn: (message, fields) => logger.warn(withFields(message, fields)),
    error: (message, fields) => logger.error(withFields(message, fields)),
  };
}

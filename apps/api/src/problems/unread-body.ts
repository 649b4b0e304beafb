import { IncomingMessage, ServerResponse } from 'node:http';
import { payloadTooLarge } from './body-parser-errors';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Express middleware placed after the body parsers: a body that no parser read (a route that takes none, a content
 * type no parser accepts) is received in full, up to the limit, before the route runs. Otherwise a command could run
 * on a request whose framing breaks later (answered 400 by the HTTP parser, yet applied), and closing the connection
 * over unread bytes makes the kernel reset it, so the client loses the answer.
 */
export function receiveUnreadBody(limitInKilobytes: number): Middleware {
  const limitBytes = limitInKilobytes * 1024;
  return (request, _response, next) => {
    if (request.complete) return next();
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) finish(payloadTooLarge(limitInKilobytes)); // the rest is discarded as it arrives
    };
    const finish = (error?: unknown) => {
      request.off('data', onData).off('end', finish).off('close', onClose);
      next(error);
    };
    // Closed before the end: the client or the HTTP parser gave up on the request, and nobody is left to answer.
    const onClose = () => request.off('data', onData).off('end', finish);
    request.on('data', onData).once('end', finish).once('close', onClose);
  };
}

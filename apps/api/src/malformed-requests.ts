import { Server, STATUS_CODES } from 'node:http';
import { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, ProblemType } from './problems/problem';

/** Node's own answers to what its HTTP parser refuses, by error code; anything else is a 400. */
const STATUS_BY_PARSER_ERROR: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * Requests that never become requests (broken framing, a bad Content-Length, headers over the limit) are refused by
 * Node's parser before Express sees them, with a bare status line: answer them with a problem document instead, with
 * the same status, then close the connection.
 */
export function answerMalformedRequestsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) socket.destroy();
    else socket.end(problemResponse(error), () => socket.destroy());
  });
}

/** As Node does: a response already under way must not be corrupted by a second one. */
function responseStarted(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage?.headersSent === true;
}

function problemResponse(error: NodeJS.ErrnoException): string {
  const status = STATUS_BY_PARSER_ERROR[error.code ?? ''] ?? 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({
    type: ProblemType.generic,
    title,
    status,
    detail: `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}).`,
  });
  return [
    `HTTP/1.1 ${status} ${title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

import fc from 'fast-check';
import net from 'node:net';

export interface RawAnswer {
  /** 0 when the server closed or stayed silent without answering. */
  readonly status: number;
  readonly contentType: string;
  readonly head: string;
}

/** Writes bytes on a fresh socket to 127.0.0.1 and reads the first response head, within a deadline. */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 3_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const head = received.split('\r\n\r\n')[0];
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      const contentType = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '';
      resolve({ status, contentType, head: head.slice(0, 300) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}

const CRLF = '\r\n';

/** Requests with broken HTTP framing, each aimed at a route of the API with the given stream id. */
export function brokenFraming(ids: readonly string[]): fc.Arbitrary<{ label: string; id: string; bytes: Buffer }> {
  const body = '{"chargeId":"6f1c8a1e-3b8a-4d53-9a53-0b8f6a1a0c11","amount":1}';
  const cases: Record<string, (path: string) => string> = {
    badChunkSize: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}ZZ${CRLF}${body}${CRLF}0${CRLF}${CRLF}`,
    chunkTooShort: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}ff${CRLF}${body}${CRLF}0${CRLF}${CRLF}`,
    lengthAndChunked: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 5${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}${body}`,
    badLength: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: abc${CRLF}${CRLF}${body}`,
    twoLengths: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 3${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}${body}`,
    negativeLength: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: -1${CRLF}${CRLF}${body}`,
    headerWithoutColon: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type application/json${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}${body}`,
    badHeaderName: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Bad Header(): 1${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}${body}`,
    obsFold: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF} continued${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}${body}`,
    bareLf: (p) => `POST ${p} HTTP/1.1\nHost: x\nContent-Type: application/json\nContent-Length: ${body.length}\n\n${body}`,
    badVersion: (p) => `POST ${p} HTTP/9.7${CRLF}Host: x${CRLF}${CRLF}`,
    noVersion: (p) => `GET ${p}${CRLF}${CRLF}`,
    garbageLine: () => `\u0001\u0002GARBAGE${CRLF}${CRLF}`,
    spaceInTarget: (p) => `GET ${p} extra HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`,
    controlInTarget: (p) => `GET ${p}\u0000 HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`,
    hugeHeader: (p) => `GET ${p} HTTP/1.1${CRLF}Host: x${CRLF}X-Big: ${'a'.repeat(20_000)}${CRLF}${CRLF}`,
    nulInHeader: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}X-A: a\u0000b${CRLF}Content-Length: ${body.length}${CRLF}${CRLF}${body}`,
    badChunkExtension: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}${body.length.toString(16)};\u0001${CRLF}${body}${CRLF}0${CRLF}${CRLF}`,
    unknownTransferEncoding: (p) => `POST ${p} HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: gzip, chunked, foo${CRLF}${CRLF}0${CRLF}${CRLF}`,
  };
  const paths = (id: string) => [`/stays/${id}/charges`, `/stays/${id}/check-in`, `/group-checkouts/${id}/stays`];
  return fc
    .record({ label: fc.constantFrom(...Object.keys(cases)), id: fc.constantFrom(...ids), route: fc.integer({ min: 0, max: 2 }) })
    .map(({ label, id, route }) => ({ label, id, bytes: Buffer.from(cases[label](paths(id)[route]), 'latin1') }));
}

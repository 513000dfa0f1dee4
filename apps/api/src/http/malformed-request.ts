import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, titleFor, typeFor } from '../problem/problem-details';
import { unsafeTextMessages } from './safe-input';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;

/** The header (or the request line, `path`) where the parser met a control character, from the bytes it was given. */
function offendingField(rawPacket: Buffer | undefined): { field: string; messages: string[] } | null {
  if (!rawPacket) return null;
  const lines = rawPacket.toString('latin1').split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    const colon = line.indexOf(':');
    const name = i === 0 ? 'path' : colon > 0 && TOKEN.test(line.slice(0, colon)) ? line.slice(0, colon) : 'headers';
    const messages = unsafeTextMessages(name, i === 0 || colon < 0 ? line : line.slice(colon + 1));
    if (messages.length) return { field: name, messages };
  }
  return null;
}

/**
 * Node's HTTP parser refuses a request it cannot parse (a NUL or another control character in a
 * header, an oversized header block) before Express sees it, with a bare 400. This answers in the
 * API's one error format instead: problem+json with a request id, naming the header when it can.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (error: Error & { code?: string; rawPacket?: Buffer }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const field = status === 400 ? offendingField(error.rawPacket) : null;
    const problem: ProblemDetails = {
      type: typeFor(status),
      title: titleFor(status),
      status,
      detail: field ? 'The request has invalid fields' : 'The request could not be read',
      requestId: randomUUID(),
      ...(field ? { errors: [field] } : {}),
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nCache-Control: no-store\r\n` +
        `X-Request-Id: ${problem.requestId}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

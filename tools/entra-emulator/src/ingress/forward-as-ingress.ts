import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';

/**
 * What an ingress does with a request it received over TLS, for the demo's and the tests' HTTPS front
 * of the auth gateway: forwards it to the plain HTTP `target` with X-Forwarded-For and
 * X-Forwarded-Proto, and pipes the answer back. Returns the forwarded request, whose `error` (the
 * target unreachable) the caller answers in its own way.
 */
export function forwardAsIngress(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  target: URL,
): ClientRequest {
  const forwarded = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      headers: {
        ...incoming.headers,
        'x-forwarded-for': incoming.socket.remoteAddress ?? '127.0.0.1',
        'x-forwarded-proto': 'https',
      },
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  incoming.pipe(forwarded);
  return forwarded;
}

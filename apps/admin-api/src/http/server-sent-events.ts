import type { Request, Response } from 'express';

export interface PolledStream<T> {
  /** The current state of the thing watched. */
  poll(): Promise<T>;
  /** The SSE event name of a state (`progress`, `held`, `ended`, ...). */
  eventOf(state: T): string;
  /** True when no later state can follow: the stream ends after sending it. */
  isFinal(state: T): boolean;
  intervalMs: number;
  /** The stream ends after this long even if the thing is still going (the client reconnects). */
  maxDurationMs: number;
}

/**
 * Server-Sent Events (WHATWG HTML, "Server-sent events") from polling: every state that differs from
 * the last one sent, then the final one, then the end. Polling over NATS rather than listening to
 * events keeps it right on any replica and after a restart. The first state is read before the
 * headers are sent, so an unknown id is still an ordinary 404 problem.
 */
export async function streamPolledEvents<T>(
  request: Request,
  response: Response,
  stream: PolledStream<T>,
): Promise<void> {
  let state = await stream.poll();
  response.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // Proxies (nginx) must pass each event on at once.
    'X-Accel-Buffering': 'no',
  });
  response.flushHeaders();
  let closed = false;
  request.on('close', () => {
    closed = true;
  });
  const deadline = Date.now() + stream.maxDurationMs;
  let last = '';
  let sequence = 0;
  for (;;) {
    const data = JSON.stringify(state);
    if (data !== last) {
      sequence += 1;
      response.write(`id: ${sequence}\nevent: ${stream.eventOf(state)}\ndata: ${data}\n\n`);
      last = data;
    }
    if (closed || stream.isFinal(state) || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, stream.intervalMs));
    if (closed) break;
    try {
      state = await stream.poll();
    } catch {
      // The service did not answer this time: say so, and let the client reconnect.
      response.write(`event: unavailable\ndata: {}\n\n`);
      break;
    }
  }
  response.end();
}

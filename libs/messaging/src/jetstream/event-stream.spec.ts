import { Logger } from '@nestjs/common';
import type { NatsConnection, StreamConfig, StreamInfo } from 'nats';
import { ensureEventStream } from './event-stream';

/** A JetStream that holds streams in a map and refuses more replicas than it has servers. */
function fakeJetStream(servers: number) {
  const streams = new Map<string, StreamConfig>();
  const fitting = (config: StreamConfig) => {
    if (config.num_replicas > servers) throw new Error('insufficient resources');
  };
  const manager = {
    streams: {
      info: async (name: string) => {
        const config = streams.get(name);
        if (!config) throw new Error('stream not found');
        return { config } as StreamInfo;
      },
      add: async (config: StreamConfig) => {
        fitting(config);
        streams.set(config.name, config);
      },
    },
  };
  const nats = { jetstreamManager: async () => manager } as unknown as NatsConnection;
  return { nats, streams };
}

const options = { servers: [], namespace: 'acme', serviceName: 'credentials' };

describe('ensureEventStream', () => {
  it('creates the stream with one copy unless told otherwise', async () => {
    const { nats, streams } = fakeJetStream(1);
    expect(await ensureEventStream(nats, options)).toBe('ACME_EVENTS');
    expect(streams.get('ACME_EVENTS')?.num_replicas).toBe(1);
  });

  it('creates it with the configured copies', async () => {
    const { nats, streams } = fakeJetStream(3);
    await ensureEventStream(nats, { ...options, streamReplicas: 3 });
    expect(streams.get('ACME_EVENTS')?.num_replicas).toBe(3);
    expect(streams.get('ACME_EVENTS')?.subjects).toEqual(['acme.events.>']);
  });

  it('leaves a stream with another count as it is, and says how to change it', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const { nats, streams } = fakeJetStream(3);
      await ensureEventStream(nats, options);
      expect(warn).not.toHaveBeenCalled();
      await ensureEventStream(nats, { ...options, streamReplicas: 3 });
      expect(streams.get('ACME_EVENTS')?.num_replicas).toBe(1);
      expect(warn).toHaveBeenCalledWith(
        { stream: 'ACME_EVENTS', replicas: 1, configured: 3 },
        expect.stringContaining('`nats stream edit ACME_EVENTS --replicas 3`'),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('says what to change when the cluster has fewer servers than copies', async () => {
    const { nats } = fakeJetStream(1);
    await expect(ensureEventStream(nats, { ...options, streamReplicas: 3 })).rejects.toThrow(
      'JetStream refused the event stream ACME_EVENTS with 3 replica(s): insufficient resources. ' +
        'NATS_STREAM_REPLICAS must not exceed the servers of the NATS cluster',
    );
  });
});

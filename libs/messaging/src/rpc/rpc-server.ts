import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { RpcReplyEnvelope, RpcSubject } from '@archive365/contracts';
import { MESSAGING_OPTIONS, NATS_CONNECTION, wireSubject, type MessagingOptions } from '../messaging.options';
import { discoverHandlers, type DiscoveredHandler } from '../nats/discover-handlers';
import { decodeJson, encodeJson } from '../nats/json-codec';
import { loggableError } from '../loggable-error';
import { validatePayload } from '../validate-payload';
import { toRpcErrorBody, isExposableError } from './exposable-error';
import { RPC_HANDLER } from './rpc-handler.decorator';

type AnySubject = RpcSubject<object, unknown>;

/**
 * Subscribes every `@RpcHandler` method to its subject in this service's queue group (so replicas
 * share the load), validates each request at the boundary and always answers: with the reply, or a
 * typed error. A handler failure never escapes to crash the process.
 */
@Injectable()
export class RpcServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RpcServer.name);
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const handlers = discoverHandlers<AnySubject>(this.discovery, this.scanner, this.reflector, RPC_HANDLER);
    const seen = new Set<string>();
    for (const handler of handlers) {
      if (seen.has(handler.meta.name)) {
        throw new Error(
          `Two handlers for ${handler.meta.name}; each subject has exactly one (found ${handler.label})`,
        );
      }
      seen.add(handler.meta.name);
      this.subscriptions.push(
        this.nats.subscribe(wireSubject(this.options, handler.meta.name), {
          queue: this.options.serviceName,
          callback: (error, msg) => {
            if (error) {
              this.logger.error(`Subscription to ${handler.meta.name} failed: ${error.message}`);
              return;
            }
            const answering = this.answer(handler, msg);
            this.inFlight.add(answering);
            void answering.finally(() => this.inFlight.delete(answering));
          },
        }),
      );
    }
    this.logger.log(
      `Answering ${handlers.length} request subject(s) as queue group ${this.options.serviceName}`,
    );
  }

  /**
   * Before any module shuts down (the database closes in the shutdown hooks that follow): stop taking
   * requests, so the other replicas get them, and finish answering those already received. Draining
   * alone returns once the last request was handed to its handler, not once it was answered.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.subscriptions.map((subscription) => subscription.drain()));
    await Promise.allSettled([...this.inFlight]);
  }

  private async answer(handler: DiscoveredHandler<AnySubject>, msg: Msg): Promise<void> {
    const reply = await this.handle(handler, msg);
    if (!msg.reply) return;
    try {
      msg.respond(encodeJson(reply));
    } catch (error) {
      // The reply could not be sent as it is (too large for NATS, not serialisable): say so instead.
      this.logger.error(
        { err: loggableError(error), subject: handler.meta.name },
        `Could not send the reply of ${handler.label}`,
      );
      try {
        msg.respond(encodeJson({ ok: false, error: toRpcErrorBody(undefined) }));
      } catch {
        // The connection itself is gone; the caller times out.
      }
    }
  }

  private async handle(handler: DiscoveredHandler<AnySubject>, msg: Msg): Promise<RpcReplyEnvelope<unknown>> {
    const validated = await validatePayload(handler.meta.requestDto, decodeJson(msg.data));
    if (!validated.ok) {
      return { ok: false, error: validated.error };
    }
    try {
      return { ok: true, data: await handler.invoke(validated.value) };
    } catch (error) {
      if (!isExposableError(error)) {
        this.logger.error(
          { err: loggableError(error), subject: handler.meta.name },
          `Unexpected failure in ${handler.label}`,
        );
      }
      return { ok: false, error: toRpcErrorBody(error) };
    }
  }
}

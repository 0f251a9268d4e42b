import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from './service-metrics';

/**
 * The hook the credentials service reports its app tokens through: how many requests its cache
 * answered, and each token request sent to Microsoft Entra ID (about one an hour per credential and
 * resource is the goal; many more means the cache is not working).
 */
@Injectable()
export class TokenMetrics {
  private readonly hits;
  private readonly entraCalls;
  private readonly entraLatency;

  constructor(metrics: ServiceMetrics) {
    this.hits = metrics.counter('token_cache_hits_total', 'App token requests answered from the cache');
    this.entraCalls = metrics.counter(
      'entra_token_requests_total',
      'Token requests sent to Microsoft Entra ID, by outcome (ok or refused)',
      ['outcome'],
    );
    this.entraLatency = metrics.histogram(
      'entra_token_request_duration_seconds',
      'Time Microsoft Entra ID took to answer a token request',
    );
  }

  cacheHit(): void {
    this.hits.inc();
  }

  /** Wraps one token request to Entra ID: counted by outcome and timed; the result passes through. */
  async entraCall<T>(call: Promise<T>): Promise<T> {
    const stop = this.entraLatency.startTimer();
    try {
      const result = await call;
      this.entraCalls.inc({ outcome: 'ok' });
      return result;
    } catch (error) {
      this.entraCalls.inc({ outcome: 'refused' });
      throw error;
    } finally {
      stop();
    }
  }
}

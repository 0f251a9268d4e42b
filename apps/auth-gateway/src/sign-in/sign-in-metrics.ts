import { Injectable } from '@nestjs/common';
import { ServiceMetrics } from '@archive365/service-kit';
import { SignInError } from '../errors/sign-in-error';

/** How the sign-in arrived: the browser's code (query) or form_post (id_token) callback, or the add-in's NAA exchange. */
export type SignInFlow = 'code' | 'id_token' | 'naa';

/**
 * Sign-ins on `/metrics`: each completed or refused one counted by flow and outcome (`success`, or the
 * refusal code in lower case: `not_synchronized`, `disabled`, `token_rejected`, `sign_in_expired`, ...;
 * `unexpected` for a failure that is no refusal), and the time the callback or exchange took.
 */
@Injectable()
export class SignInMetrics {
  private readonly outcomes;
  private readonly latency;

  constructor(metrics: ServiceMetrics) {
    this.outcomes = metrics.counter(
      'sign_ins_total',
      'Sign-ins by flow (code, id_token, naa) and outcome (success or the refusal code)',
      ['flow', 'outcome'],
    );
    this.latency = metrics.histogram(
      'sign_in_callback_duration_seconds',
      'Time from the authorization response (or the add-in token) arriving to the session being issued, by flow and result',
      ['flow', 'result'],
    );
  }

  /** Runs one callback or exchange, counting its outcome and timing it; the result or error passes through. */
  async measure<T>(flow: SignInFlow, work: () => Promise<T>): Promise<T> {
    const stop = this.latency.startTimer({ flow });
    try {
      const result = await work();
      this.outcomes.inc({ flow, outcome: 'success' });
      stop({ result: 'success' });
      return result;
    } catch (error) {
      this.outcomes.inc({ flow, outcome: outcomeOf(error) });
      stop({ result: 'refused' });
      throw error;
    }
  }
}

function outcomeOf(error: unknown): string {
  return error instanceof SignInError ? error.code.toLowerCase() : 'unexpected';
}

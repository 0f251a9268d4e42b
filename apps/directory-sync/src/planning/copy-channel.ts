import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';

/**
 * A COPY is ended, and the next one opened, after this many pages or once no page has come for this
 * long (Graph throttling the read, say). One COPY across the whole read would do as well; ending one
 * now and then keeps each statement short, for a `statement_timeout` an operator may have set.
 */
const PAGES_PER_COPY = 25;
const COPY_IDLE_MS = 1000;

/** A COPY opened on the connection, and what it has taken. */
class OpenCopy {
  readonly stream: CopyStreamQuery;
  /** Rejects with the COPY's failure (never resolves otherwise). */
  readonly failed: Promise<never>;
  pages = 0;
  /** PostgreSQL ended it with an error. */
  broken = false;

  constructor(statement: string, onFailure: (error: unknown) => void) {
    this.stream = copyFrom(statement);
    this.failed = new Promise<never>((_, reject) =>
      this.stream.on('error', (error) => {
        this.broken = true;
        onFailure(error);
        reject(error);
      }),
    );
    this.failed.catch(() => undefined);
  }
}

/**
 * One connection's writes into one table during a first sync: each page's rows are appended to a COPY
 * that stays open across pages, so PostgreSQL goes from one page's rows to the next as they arrive.
 * A COPY per page made PostgreSQL wait twice per page on this service's event loop (to see the last
 * COPY done and start the next, then to see it started and send the rows), often behind the parsing of
 * a page. Another statement (an upsert) goes after the rows appended before it: the open COPY is ended
 * first and a new one opened for the pages after.
 *
 * Appending resolves once the connection has taken the rows (they are in the socket, not yet stored):
 * the read stays ahead of PostgreSQL by what the socket holds, and no further. A failure is PostgreSQL's
 * (the transaction is lost): it fails the append, statement or `settled` call that sees it first, and
 * every one after it.
 */
export class CopyChannel {
  private open?: OpenCopy;
  /** Ends the open COPY when no page comes for COPY_IDLE_MS. */
  private idle?: NodeJS.Timeout;
  /** Settles once everything queued so far has run. */
  private last: Promise<unknown> = Promise.resolve();
  private failure?: unknown;

  constructor(
    private readonly client: PoolClient,
    /** `COPY table (columns) FROM STDIN`. */
    private readonly statement: string,
  ) {}

  /** Appends COPY rows (text format, whole lines); resolves once the connection has taken them. */
  async append(rows: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (rows.length === 0) return;
    const copy = (this.open ??= this.openCopy());
    const taken = new Promise<void>((resolve, reject) =>
      copy.stream.write(rows, (error) => (error ? reject(error) : resolve())),
    );
    if (++copy.pages >= PAGES_PER_COPY) this.endCopy();
    else this.endWhenIdle();
    await this.firstFailure(Promise.race([taken, copy.failed]));
  }

  /** Sends a statement after the rows appended so far; resolves with its answer. */
  async send(text: string, params: string[]): Promise<void> {
    this.endCopy();
    await this.firstFailure(this.queue(() => this.client.query(text, params)));
  }

  /** Resolves once everything appended and sent so far is stored; rejects with the first failure. */
  async settled(): Promise<void> {
    this.endCopy();
    await this.last;
    if (this.failure) throw this.failure;
  }

  private openCopy(): OpenCopy {
    const copy = new OpenCopy(this.statement, (error) => (this.failure ??= error));
    // Rows written before PostgreSQL takes the COPY wait in the stream (and the append with them).
    const done = finished(copy.stream);
    this.queue(() => {
      this.client.query(copy.stream);
      return done;
    }).catch(() => undefined);
    return copy;
  }

  private endWhenIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.endCopy(), COPY_IDLE_MS);
    this.idle.unref();
  }

  private endCopy(): void {
    clearTimeout(this.idle);
    const copy = this.open;
    this.open = undefined;
    // A failed COPY is over already (PostgreSQL ended it); ending it again would write to no connection.
    if (copy && !copy.broken) copy.stream.end();
  }

  /** What fails after the first failure fails with it (PostgreSQL's later refusals only follow from it). */
  private async firstFailure<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw this.failure ?? error;
    }
  }

  private queue<T>(work: () => Promise<T>): Promise<T> {
    // Run in the order queued: the pg client no longer takes a query while one runs (deprecated, gone
    // in pg 9). After a failure the statements are still sent, and PostgreSQL refuses them.
    const result = this.last.then(work);
    this.last = result.catch((error: unknown) => {
      this.failure ??= error;
    });
    return result;
  }
}

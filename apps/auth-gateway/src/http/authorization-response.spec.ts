import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';
import { formPostResponse, queryResponse } from './authorization-response';

const FORM = 'application/x-www-form-urlencoded';

function post(headers: Record<string, string>, ...chunks: string[]): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((chunk) => Buffer.from(chunk))), { headers }) as never;
}

async function refusal(attempt: Promise<unknown> | (() => unknown)): Promise<SignInError | undefined> {
  try {
    await (typeof attempt === 'function' ? attempt() : attempt);
  } catch (error) {
    if (error instanceof SignInError) return error;
    throw error;
  }
  return undefined;
}

describe('the authorization response of a callback', () => {
  it('reads a form_post body in chunks, percent-decoded as UTF-8', async () => {
    const body = post(
      { 'content-type': `${FORM}; charset=UTF-8` },
      'id_token=a.b.c&sta',
      'te=x%2By&name=J%C3%BCrg',
    );
    const parameters = await formPostResponse(body);
    expect(Object.fromEntries(parameters)).toEqual({ id_token: 'a.b.c', state: 'x+y', name: 'Jürg' });
  });

  it('finds no response in another media type or an encoded body, so the sign-in is refused for it', async () => {
    expect((await formPostResponse(post({ 'content-type': 'application/json' }, '{"state":"x"}'))).size).toBe(
      0,
    );
    expect((await formPostResponse(post({}, 'state=x'))).size).toBe(0);
    const gzip = post({ 'content-type': FORM, 'content-encoding': 'gzip' }, 'state=x');
    expect((await formPostResponse(gzip)).size).toBe(0);
  });

  it('refuses a body over 32 KiB, declared or streamed, as an invalid request', async () => {
    const big = 'x'.repeat(33 * 1024);
    const declared = await refusal(
      formPostResponse(post({ 'content-type': FORM, 'content-length': '40000' }, 'a=b')),
    );
    const oversized = post({ 'content-type': FORM }, 'state=', big);
    const streamed = await refusal(formPostResponse(oversized));
    for (const error of [declared, streamed]) expect(error?.code).toBe(SignInErrorCode.InvalidRequest);
    // The connection stays up for the refusal page.
    expect(oversized.destroyed).toBe(false);
  });

  it('refuses a parameter given twice (RFC 6749 3.1), in the form and in the query', async () => {
    const form = await refusal(
      formPostResponse(post({ 'content-type': FORM }, 'state=a&id_token=t&state=b')),
    );
    const query = await refusal(() => queryResponse('/bench/oidc/signin?code=c&state=a&code=d'));
    expect([form?.code, form?.details.field]).toEqual([SignInErrorCode.InvalidRequest, 'state']);
    expect([query?.code, query?.details.field]).toEqual([SignInErrorCode.InvalidRequest, 'code']);
  });

  it('reads the code callback query, and none when there is no query', () => {
    expect(Object.fromEntries(queryResponse('/bench/oidc/signin?code=c%3D&state=s'))).toEqual({
      code: 'c=',
      state: 's',
    });
    expect(queryResponse('/bench/oidc/signin').size).toBe(0);
  });
});

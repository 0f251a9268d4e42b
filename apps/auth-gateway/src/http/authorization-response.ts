import type { IncomingMessage } from 'node:http';
import { SignInError, SignInErrorCode } from '../errors/sign-in-error';

/** An id_token is a few kilobytes (the validator refuses over 16 KiB); the rest of the form is short. */
const MAX_FORM_BYTES = 32 * 1024;
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * The authorization response of the form_post callback (OAuth 2.0 Form Post Response Mode: an
 * `application/x-www-form-urlencoded` body). Read here rather than by body-parser, whose generic
 * pipeline (media type and charset parsing, decoders, `qs`) cost a callback more than the response's
 * own checks. Another media type or an encoded body carries no response: no parameters, so the sign-in
 * is refused for its missing state like any incomplete answer.
 */
export async function formPostResponse(request: IncomingMessage): Promise<URLSearchParams> {
  const type = request.headers['content-type']?.split(';', 1)[0].trim().toLowerCase();
  const encoding = request.headers['content-encoding'];
  if (type !== FORM_TYPE || (encoding !== undefined && encoding !== 'identity')) {
    return new URLSearchParams();
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_FORM_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  // Not destroyed when the loop stops early: that would close the connection before the refusal page.
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_FORM_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return singleValued(new URLSearchParams(Buffer.concat(chunks, length).toString('utf8')));
}

/** The code callback's query (a redirect to the redirect URI, response_mode=query). */
export function queryResponse(originalUrl: string): URLSearchParams {
  const query = originalUrl.indexOf('?');
  return singleValued(new URLSearchParams(query < 0 ? '' : originalUrl.slice(query + 1)));
}

/**
 * RFC 6749 section 3.1: parameters "MUST NOT be included more than once"; a repeated one would leave
 * which value counts (the state, the token) to whoever reads the response first.
 */
function singleValued(parameters: URLSearchParams): URLSearchParams {
  const names = new Set<string>();
  for (const name of parameters.keys()) {
    if (names.has(name)) {
      throw new SignInError(SignInErrorCode.InvalidRequest, {
        field: name,
        internal: `the parameter ${name} appears more than once in the authorization response`,
      });
    }
    names.add(name);
  }
  return parameters;
}

function tooLarge(): SignInError {
  return new SignInError(SignInErrorCode.InvalidRequest, {
    internal: `the form_post body is larger than ${MAX_FORM_BYTES} bytes`,
  });
}

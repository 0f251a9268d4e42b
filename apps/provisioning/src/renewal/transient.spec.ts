import { ErrorCode } from '@archive365/contracts';
import { RpcCallError } from '@archive365/messaging';
import { GraphCallError } from '../graph/graph-session';
import { isTransient } from './transient';

describe('transient renewal failures', () => {
  const graph = (status: number) =>
    new GraphCallError(status, 'code', 'message', 'POST', '/applications/x/addKey');
  const rpc = (code: ErrorCode, reason?: string) =>
    new RpcCallError('s', { code, message: 'm', ...(reason ? { reason } : {}) });

  it('retries throttling, outages and cut connections', () => {
    expect(isTransient(graph(429))).toBe(true);
    expect(isTransient(graph(503))).toBe(true);
    expect(isTransient(graph(-1))).toBe(true);
    // A 2xx whose body was cut off: the SDK reports the 2xx status with code "unknown".
    expect(isTransient(graph(200))).toBe(true);
    expect(isTransient(new TypeError('terminated'))).toBe(true);
    expect(isTransient(rpc(ErrorCode.Timeout))).toBe(true);
  });

  it("stops on answers about the renewal itself: refused proofs, Entra's AADSTS codes, bad requests", () => {
    expect(isTransient(graph(401))).toBe(false);
    expect(isTransient(graph(400))).toBe(false);
    expect(isTransient(rpc(ErrorCode.DependencyFailed, 'AADSTS700027'))).toBe(false);
    expect(isTransient(rpc(ErrorCode.Conflict, 'ROTATION_STEP_INVALID'))).toBe(false);
    expect(isTransient(new Error('a bug'))).toBe(false);
  });
});

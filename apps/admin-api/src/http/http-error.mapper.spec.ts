import { AdminApiErrorCode, ErrorCode } from '@archive365/contracts';
import { codeOfHttpStatus, httpStatusOf, problemTitleOf } from './http-error.mapper';

describe('the error code to HTTP status mapping', () => {
  const codes = [...Object.values(ErrorCode), ...Object.values(AdminApiErrorCode)];

  it('gives every code its own status and a title', () => {
    const statuses = codes.map((code) => httpStatusOf(code));
    expect(new Set(statuses).size).toBe(codes.length);
    expect(statuses.every((status) => status >= 400 && status < 600)).toBe(true);
    expect(codes.every((code) => problemTitleOf(code).length > 0)).toBe(true);
  });

  it('reads each status back as its code, so framework errors keep their meaning', () => {
    for (const code of codes.filter(
      (candidate) => candidate !== ErrorCode.DependencyFailed && candidate !== ErrorCode.Timeout,
    )) {
      expect(codeOfHttpStatus(httpStatusOf(code))).toBe(code);
    }
    expect(codeOfHttpStatus(413)).toBe(ErrorCode.ValidationFailed);
  });
});

import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('keeps what explains a database failure and drops its parameters and driver detail', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      detail: 'Key (name)=(secret-name) already exists.',
      code: '23505',
    });
    const error = new QueryFailedError(
      'INSERT INTO t VALUES ($1, $2)',
      ['secret-name', 'v1.k1.sealed'],
      driverError,
    );
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('duplicate key value violates unique constraint');
    expect(logged).not.toContain('secret-name');
    expect(logged).not.toContain('v1.k1.sealed');
  });

  it('describes a thrown non-error without its value', () => {
    expect(loggableError('a password')).toEqual({ type: 'string', message: 'a non-error value was thrown' });
  });
});

/** Why a directory change was refused; the Graph and control routes map each kind to a status code. */
export type DirectoryErrorKind = 'badRequest' | 'notFound' | 'conflict';

/**
 * A refused directory read or change. `message` is written for the caller (what was wrong and how to
 * fix it) and never contains secrets.
 */
export class DirectoryError extends Error {
  constructor(
    readonly kind: DirectoryErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DirectoryError';
  }
}

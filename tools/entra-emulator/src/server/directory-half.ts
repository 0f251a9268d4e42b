import type { RequestHandler, Router } from 'express';
import type { EmulatorContext } from '../emulator.types';
import type { MemoryStore } from '../store/memory-store';

/**
 * The directory half's parts (Graph routes, fault injection, directory control API), wired in one
 * place so the server does not depend on their internals.
 */
export function wireDirectoryHalf(_context: EmulatorContext, _store: MemoryStore): {
  parts: { graphRouter?: Router; directoryControlRouter?: Router; faults?: RequestHandler };
  faults: undefined;
} {
  return { parts: {}, faults: undefined };
}

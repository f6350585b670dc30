import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './app-error.ts';
import { parseInput } from './parse-input.ts';

const schema = z.object({
  name: z.string().min(2),
  email: z.email(),
  tags: z.array(z.string()).max(1),
  role: z.enum(['reader', 'analyst']),
});

function failure(raw: unknown): AppError {
  try {
    parseInput(schema, raw, 'body');
  } catch (error) {
    if (error instanceof AppError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('parseInput details', () => {
  it('gives each problem a path, an English reason, a reason code and the numbers a UI needs', () => {
    const error = failure({ name: 'a', email: 'not-mail', tags: ['x', 'y'], role: 'boss' });
    expect(error.code).toBe('VALIDATION_FAILED');
    const byPath = Object.fromEntries((error.details ?? []).map((d) => [d.path, d]));
    expect(byPath.name).toMatchObject({ code: 'too_small', params: { origin: 'string', minimum: 2 } });
    expect(byPath.email).toMatchObject({ code: 'invalid_format', params: { format: 'email' } });
    expect(byPath.tags).toMatchObject({ code: 'too_big', params: { origin: 'array', maximum: 1 } });
    expect(byPath.role).toMatchObject({ code: 'invalid_value', params: { values: 'reader, analyst' } });
    for (const d of error.details ?? []) {
      expect(d.reason.length).toBeGreaterThan(0);
    }
  });

  it('reports a missing field as invalid_type with what was expected', () => {
    const error = failure({ email: 'a@b.org', tags: [], role: 'reader' });
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'name', code: 'invalid_type', params: { expected: 'string' } }),
    ]);
  });
});

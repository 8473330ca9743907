import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from '../src/pagination';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('not refused');
};

describe('keyset cursors are checked against what the list expects', () => {
  it('gives back the values of a cursor the list made', () => {
    const at = new Date('2026-11-21T01:00:00.000Z');
    const id = '5b0e6d1c-3f6a-4c1e-9a54-0d6f3a1b2c3d';
    expect(decodeCursor(encodeCursor([at.toISOString(), id]), ['instant', 'id'])).toEqual([
      at.toISOString(),
      id,
    ]);
    expect(decodeCursor(encodeCursor(['城东区启航培训学校', id]), ['text', 'id'])).toEqual([
      '城东区启航培训学校',
      id,
    ]);
    expect(decodeCursor(encodeCursor([42]), ['line'])).toEqual([42]);
    expect(decodeCursor(undefined, ['line'])).toBeUndefined();
  });

  it.each([
    ['two strings for an instant and an id', encodeCursor(['x', 'y']), ['instant', 'id'] as const],
    [
      'an impossible instant',
      encodeCursor(['2027-02-29T00:00:00Z', '5b0e6d1c-3f6a-4c1e-9a54-0d6f3a1b2c3d']),
      ['instant', 'id'] as const,
    ],
    ['a string for a line', encodeCursor(['7']), ['line'] as const],
    ['a negative line', encodeCursor([-1]), ['line'] as const],
    ['a fraction for a line', encodeCursor([1.5]), ['line'] as const],
    ['NUL in a name', encodeCursor(['a\u0000b', 'c']), ['text', 'text'] as const],
    ['too few values', encodeCursor(['x']), ['text', 'id'] as const],
    ['not JSON', 'bm90IGpzb24', ['line'] as const],
  ])('refuses %s as BAD_USER_INPUT on after', (_what, cursor, parts) => {
    const error = refusal(() => decodeCursor(cursor, parts));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(error.message).toMatch(/^after .*游标/);
  });
});

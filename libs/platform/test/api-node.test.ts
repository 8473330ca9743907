import { apiNode, entityRef } from '../src/api-node';

interface RowEntity {
  id: string;
  name: string;
  fromStatus: string;
  searchColumn: string;
}

describe('entity → API mappings', () => {
  const toNode = apiNode<RowEntity>()(['id name'], (r, suffix = '') => ({
    from: r.fromStatus + suffix,
    owner: entityRef('Institution', r.id),
  }));

  it('copies the named fields, adds the derived ones and leaves storage columns out', () => {
    const row = { id: 'a', name: '启航', fromStatus: 'OPEN', searchColumn: 'qh' };
    expect(toNode(row)).toEqual({
      id: 'a',
      name: '启航',
      from: 'OPEN',
      owner: { __typename: 'Institution', id: 'a' },
    });
    expect(toNode(row, '!').from).toBe('OPEN!');
  });

  it('refuses, at type-check time, a field the entity does not have', () => {
    // @ts-expect-error 'nam' is not a field of RowEntity
    apiNode<RowEntity>()(['id nam']);
  });
});

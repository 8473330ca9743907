import { committedSupergraph, composeFederation } from '../scripts/compose';

describe('the committed supergraph', () => {
  it('is what composing the current subgraph schemas gives', () => {
    const committed = committedSupergraph();
    const fresh = composeFederation();
    if (committed !== fresh) {
      throw new Error(
        committed === undefined
          ? 'gateway/supergraph.graphql is missing: run `pnpm compose` and commit it'
          : 'gateway/supergraph.graphql is out of date with the subgraph schemas: run `pnpm compose` and commit it',
      );
    }
  });
});

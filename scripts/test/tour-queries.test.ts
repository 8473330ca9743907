import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { composeApiSchema } from '@jianguan/gateway';
import { federationServices } from '@jianguan/federation';

/**
 * The tour of the graph (docs/tour.md, linked from the README) is what newcomers copy: every
 * ```graphql block in it must be a valid operation against the graph the current subgraph schemas
 * compose to.
 */
const tour = readFileSync(path.join(__dirname, '..', '..', 'docs', 'tour.md'), 'utf8');
const blocks = [...tour.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
const schema = composeApiSchema(
  federationServices.map((service) => ({
    name: service.name,
    typeDefs: service.typeDefs,
    url: `http://${service.name}.invalid/graphql`,
  })),
);

it('the tour shows queries of every department', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(20);
  const fields = blocks.join('\n');
  for (const root of [
    'registerInstitution',
    'reviewQueue',
    'screenOnlineFiling',
    'startCampaign',
    'publicLookup',
  ]) {
    expect(fields).toContain(root);
  }
});

it.each(blocks.map((block) => [block.split('\n')[0], block]))('%s is valid against the graph', (_, block) => {
  expect(validate(schema, parse(block)).map((error) => error.message)).toEqual([]);
});

it('a query naming a field the graph does not have is caught', () => {
  const broken = parse('query { region(code: "63") { institutionStats { totl } } }');
  expect(validate(schema, broken).map((error) => error.message)).toEqual([
    'Cannot query field "totl" on type "InstitutionStats". Did you mean "total"?',
  ]);
});

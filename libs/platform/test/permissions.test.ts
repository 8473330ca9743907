import { GraphQLError } from 'graphql';
import { Viewer, type Claims } from '../src/auth';
import { PERMISSIONS } from '../src/permissions';

/** The Viewer over the permission table, without a database: who may do what on which record. */
const COUNTY = '630102';
const OTHER_COUNTY = '630103';
const INSTITUTION = '7c4f3a5e-5d8b-4a51-9c51-3f0c2d8a1b2e';
const ANOTHER_INSTITUTION = '0b6a3f57-1e43-4c8e-9a55-2f1a3c7d9e10';

const viewer = (claims: Partial<Claims> & Pick<Claims, 'scopes'>) =>
  new Viewer({ sub: 'u', name: 'n', regionCode: COUNTY, ...claims });
const official = (scopes: string[], regionCode = COUNTY) => viewer({ scopes, regionCode });
const institutionUser = (institutionId = INSTITUTION) => viewer({ scopes: [], institutionId });
const order = { id: 'order', institutionId: INSTITUTION, regionCode: COUNTY };

/** The refusal's code and message, or 'allowed'. */
function outcome(check: () => unknown) {
  try {
    check();
    return 'allowed';
  } catch (error) {
    const { extensions, message } = error as GraphQLError;
    return `${String(extensions.code)}: ${message}`;
  }
}

describe('Viewer.require: before any record is read', () => {
  it('asks an official for one of the scopes; admin holds them all', () => {
    expect(outcome(() => official(['review:decide']).require('review.decide'))).toBe('allowed');
    expect(outcome(() => official(['admin']).require('enforcement.act'))).toBe('allowed');
    expect(outcome(() => official(['review:read']).require('review.decide'))).toBe(
      'FORBIDDEN: Requires scope review:decide',
    );
  });

  it("lets an institution's user through where it may act on its own records, and nowhere else", () => {
    expect(outcome(() => institutionUser().require('review.apply'))).toBe('allowed');
    expect(outcome(() => institutionUser().require('filing.read'))).toBe('allowed');
    expect(outcome(() => institutionUser().require('filing.screen'))).toBe(
      'FORBIDDEN: Requires scope filing:screen',
    );
  });

  it('refuses the public', () => {
    expect(outcome(() => new Viewer(undefined).require('registry.read'))).toBe(
      'UNAUTHENTICATED: A valid token is required',
    );
  });
});

describe('Viewer.requireOn: one record', () => {
  it('needs the jurisdiction to cover the record', () => {
    expect(outcome(() => official(['enforcement:write']).requireOn('enforcement.act', order))).toBe(
      'allowed',
    );
    expect(outcome(() => official(['enforcement:write'], '63').requireOn('enforcement.act', order))).toBe(
      'allowed',
    );
    expect(
      outcome(() => official(['enforcement:write'], OTHER_COUNTY).requireOn('enforcement.act', order)),
    ).toBe('FORBIDDEN: Outside your jurisdiction');
  });

  it("lets an institution's user act on its own institution's records only", () => {
    expect(outcome(() => institutionUser().requireOn('review.apply', order))).toBe('allowed');
    expect(outcome(() => institutionUser(ANOTHER_INSTITUTION).requireOn('review.apply', order))).toBe(
      'FORBIDDEN: Not your institution',
    );
    // The institution's own row is its own record.
    expect(
      outcome(() => institutionUser().requireOn('filing.submit', { id: INSTITUTION, regionCode: COUNTY })),
    ).toBe('allowed');
  });

  it("refuses an institution's user an officials' permission even with the scope", () => {
    const withScope = viewer({ scopes: ['enforcement:write'], institutionId: INSTITUTION });
    expect(outcome(() => withScope.requireOn('enforcement.act', order))).toBe(
      'FORBIDDEN: Outside your jurisdiction',
    );
  });

  it('gives region statistics their own refusal', () => {
    const refusal = `FORBIDDEN: ${PERMISSIONS['region.statistics'].refusal}`;
    expect(outcome(() => institutionUser().requireRegionStatistics(COUNTY))).toBe(refusal);
    expect(outcome(() => official([], OTHER_COUNTY).requireRegionStatistics('6301'))).toBe(refusal);
    expect(outcome(() => official([], '6301').requireRegionStatistics(COUNTY))).toBe('allowed');
  });
});

describe('Viewer.may and requireVisible: reading', () => {
  it('reads orders by jurisdiction alone, filings with a filing scope (declared in the table)', () => {
    const noScope = official([]);
    expect(noScope.may('enforcement.read', order)).toBe(true);
    expect(noScope.may('filing.read', order)).toBe(false);
    expect(official(['filing:read']).may('filing.read', order)).toBe(true);
    expect(official(['filing:read'], OTHER_COUNTY).may('filing.read', order)).toBe(false);
    expect(institutionUser().may('filing.read', order)).toBe(true);
    expect(institutionUser(ANOTHER_INSTITUTION).may('enforcement.read', order)).toBe(false);
  });

  it('checks the scope before loading, so an unknown id and a forbidden one look alike', async () => {
    const load = jest.fn(async () => order);
    await expect(official([]).requireVisible('filing.read', load)).rejects.toThrow('Requires scope');
    expect(load).not.toHaveBeenCalled();
    await expect(official([], OTHER_COUNTY).requireVisible('enforcement.read', load)).rejects.toThrow(
      'Outside your jurisdiction',
    );
    await expect(official([]).requireVisible('enforcement.read', async () => null)).resolves.toBeNull();
  });
});

describe('Viewer.requireOfficial: lists', () => {
  it("refuses an institution's user with the list's own message", () => {
    const withScope = viewer({ scopes: ['review:read'], institutionId: INSTITUTION });
    expect(outcome(() => withScope.requireOfficial('review.queue'))).toBe(
      'FORBIDDEN: The review queue is for reviewers',
    );
    expect(outcome(() => official(['review:read']).requireOfficial('review.queue'))).toBe('allowed');
  });

  it('lists the region asked for, or else the jurisdiction, within the jurisdiction', () => {
    const reviewer = official(['review:read']);
    expect(reviewer.requireListRegion('review.queue', null)).toBe(COUNTY);
    expect(reviewer.requireListRegion('review.queue', `${COUNTY}001`)).toBe(`${COUNTY}001`);
    expect(outcome(() => reviewer.requireListRegion('review.queue', '6301'))).toBe(
      'FORBIDDEN: Outside your jurisdiction',
    );
    expect(outcome(() => reviewer.requireListRegion('review.queue', 'x'))).toBe(
      'BAD_USER_INPUT: regionCode must be a division code',
    );
  });
});

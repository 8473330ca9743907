/** The operations of the scenarios, with variables varied per request. */
import { BENCH_LOOKUP_TERMS, type BenchCounty } from '@jianguan/tools';

export const PUBLIC_LOOKUP = `query PublicLookup($query: String!) {
  publicLookup(query: $query) { name creditCode kind regionCode regionName list reason reasonCode since }
}`;

/** A page of 50 institutions with fields from all five subgraphs. */
export const INSTITUTION_PAGE = `query InstitutionPage($filter: InstitutionFilter, $first: Int) {
  institutions(filter: $filter, first: $first) {
    totalCount
    edges { node {
      id name creditCode kind category regionCode status certificateStatus missingLicences
      qualificationApplications { id status track }
      onlineFiling { id status }
      rectificationOrders { id status deadline }
      listing { list reasonCode since }
    } }
  }
}`;

export const DASHBOARD = `query Dashboard($code: String!) {
  region(code: $code) {
    code name level
    institutionStats { total offline online notOnNationalPlatform byCertificateStatus { complete incomplete none } }
    reviewStats { submitted inReview approved rejected withdrawn overdue }
    filingStats { institutionsFiled personnel courses filingsWithProblems }
    rectificationStats { open rectified overdue referred closed escalatedByLevel { county city province } }
    listStats { white grey black }
  }
}`;

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

export function lookupBodies(kind: 'fragment' | 'pinyin'): string[] {
  const terms = kind === 'fragment' ? BENCH_LOOKUP_TERMS.fragments : BENCH_LOOKUP_TERMS.pinyin;
  return terms.map((query) => body(PUBLIC_LOOKUP, { query }));
}

/** One page per county: the same shape of work, different rows. */
export const institutionPageBodies = (counties: BenchCounty[], first = 50) =>
  counties.map((c) => body(INSTITUTION_PAGE, { filter: { regionCode: c.code }, first }));

/**
 * The province dashboard; every other request is a prefecture's, so no two consecutive requests
 * are identical (Hive's in-flight merging is also off).
 */
export function dashboardBodies(cities: string[]): string[] {
  return cities.flatMap((city) => [body(DASHBOARD, { code: '63' }), body(DASHBOARD, { code: city })]);
}

/** GraphQL documents the public-list tests send through the gateway, as the public website would. */
export const PUBLIC_ENTRY_FIELDS = `name creditCode kind regionCode regionName list listLabel reason reasonCode since`;

export const PUBLIC_LOOKUP = `query Lookup($query: String!) { publicLookup(query: $query) { ${PUBLIC_ENTRY_FIELDS} } }`;

export const PUBLIC_LIST = `query List($list: PublicListName!, $regionCode: String, $first: Int, $after: String) {
  publicList(list: $list, regionCode: $regionCode, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${PUBLIC_ENTRY_FIELDS} } }
  }
}`;

export const TYPICAL_CASES = `query Cases($regionCode: String) {
  typicalCases(regionCode: $regionCode) {
    totalCount
    edges { node { id title summary regionName publishedAt institution { name creditCode list } } }
  }
}`;

export const OPEN_DATA = `query Export($regionCode: String!, $format: OpenDataFormat!) {
  openDataExport(regionCode: $regionCode, format: $format) {
    regionCode format contentType fileName content count lastChangedAt generatedAt
  }
}`;

export const INSTITUTION_LISTING = `query Listing($id: ID!) {
  institution(id: $id) {
    id name
    listing { list reason reasonCode since history { from to reasonCode reason causedBy at } }
  }
}`;

export const REGION_LIST_STATS = `query ListStats($code: String!) {
  region(code: $code) { code name listStats { white grey black lastChangedAt } }
}`;

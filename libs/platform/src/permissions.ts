/**
 * Who may do what, on which kind of record: the one table every subgraph's authorisation reads
 * (through `Viewer`, auth.ts). A permission is held by
 *
 * - an official — a token without `institutionId` — holding one of its `scopes` (`admin` holds every
 *   scope; no scopes: any official), on records and regions that their jurisdiction covers; and,
 * - where `ownInstitution` says so, an institution's own user, on its own institution's records, with
 *   no scope.
 *
 * Reads and writes of one kind of record are separate rows, so a difference between two services is
 * written here (a filing is read with a filing scope, an order by any official of its region) rather
 * than hidden in a copy of the check.
 */
export interface Permission {
  /** One of these is enough; empty: every official. */
  readonly scopes: readonly string[];
  /** The institution's own users may do it on their own institution's records. */
  readonly ownInstitution: boolean;
  /** The refusal's message when the caller holds the scope but may not (default: Outside your jurisdiction). */
  readonly refusal?: string;
}

/** Every scope a token can carry (docs/design.md §6). */
export const SCOPES = {
  admin: 'admin',
  registryWrite: 'registry:write',
  registrySurvey: 'registry:survey',
  reviewRead: 'review:read',
  reviewDecide: 'review:decide',
  /** Officials who file on an institution's behalf (e.g. a county's service window). */
  reviewSubmit: 'review:submit',
  filingRead: 'filing:read',
  filingScreen: 'filing:screen',
  filingSubmit: 'filing:submit',
  enforcementRead: 'enforcement:read',
  enforcementWrite: 'enforcement:write',
  disciplineRead: 'discipline:read',
} as const;

const S = SCOPES;
const anyOfficialOrOwnInstitution: Permission = { scopes: [], ownInstitution: true };

export const PERMISSIONS = {
  // registry: institutions, licences, surveys
  'registry.read': anyOfficialOrOwnInstitution,
  'registry.write': { scopes: [S.registryWrite], ownInstitution: false },
  /** Registering and surveying, which grid workers do too. */
  'registry.survey': { scopes: [S.registryWrite, S.registrySurvey], ownInstitution: false },

  /** Loading a year's official holiday schedule: it moves every working-day deadline, so admins only. */
  'calendar.load': { scopes: [S.admin], ownInstitution: false },

  // qualification review: applications
  'review.read': anyOfficialOrOwnInstitution,
  'review.queue': {
    scopes: [S.reviewRead, S.reviewDecide],
    ownInstitution: false,
    refusal: 'The review queue is for reviewers',
  },
  'review.decide': { scopes: [S.reviewDecide], ownInstitution: false },
  /** The applicant's side: submitting, resubmitting materials, withdrawing. */
  'review.apply': { scopes: [S.reviewSubmit, S.reviewDecide], ownInstitution: true },

  // online filing: filings hold personal data, so officials read them with a filing scope
  'filing.read': { scopes: [S.filingRead, S.filingScreen, S.filingSubmit], ownInstitution: true },
  'filing.screen': { scopes: [S.filingScreen], ownInstitution: false },
  'filing.submit': { scopes: [S.filingSubmit], ownInstitution: true },

  // enforcement: orders, penalties, black-list entries, campaigns, typical cases
  'enforcement.read': anyOfficialOrOwnInstitution,
  'enforcement.list': {
    scopes: [S.enforcementRead, S.enforcementWrite],
    ownInstitution: false,
    refusal: 'This list is for officials',
  },
  'enforcement.campaign': { scopes: [S.enforcementRead, S.enforcementWrite], ownInstitution: false },
  'enforcement.act': { scopes: [S.enforcementWrite], ownInstitution: false },
  'discipline.list': {
    scopes: [S.disciplineRead],
    ownInstitution: false,
    refusal: 'This list is for officials',
  },

  // public-list: an institution's listing with its history (the lists themselves are public)
  'listing.read': anyOfficialOrOwnInstitution,

  /** Every subgraph's `Region` figures: officials whose jurisdiction includes the whole region. */
  'region.statistics': {
    scopes: [],
    ownInstitution: false,
    refusal: '区域统计仅限辖区包含该区域的主管部门查看',
  },
} as const satisfies Record<string, Permission>;

export type PermissionName = keyof typeof PERMISSIONS;

/**
 * What a permission is checked on: a record of an institution (its `institutionId`), an
 * institution's own row (its `id`), or a region alone (`regionCode`, no institution's user matches).
 */
export interface Subject {
  regionCode: string;
  institutionId?: string | null;
  id?: string;
}

/** The institution a subject belongs to, if any. */
export const ownerOf = (subject: Subject): string | undefined =>
  subject.institutionId ?? (subject.id || undefined);

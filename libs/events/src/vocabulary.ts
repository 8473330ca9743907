/**
 * The values the federation's events speak in, shared by the catalogue's schemas and by the services
 * that store them (entities, inputs): one list each.
 */

export const SERVICE_NAMES = [
  'registry',
  'qualification-review',
  'online-course-filing',
  'enforcement',
  'public-list',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const INSTITUTION_KINDS = ['OFFLINE', 'ONLINE'] as const;
export const INSTITUTION_CATEGORIES = ['SUBJECT', 'NON_SUBJECT'] as const;
export const CERTIFICATE_STATUSES = ['COMPLETE', 'INCOMPLETE', 'NONE'] as const;
export const REVIEW_TRACKS = ['ACCELERATED', 'STANDARD'] as const;
/** MOE Order No. 53 penalty types, plus the measures specific to online training. */
export const PENALTY_TYPES = [
  'WARNING',
  'PUBLIC_CRITICISM',
  'FINE',
  'CONFISCATION',
  'STOP_ENROLLING',
  'STOP_OPERATING',
  'LICENCE_REVOCATION',
  'SECTOR_BAN',
  'SUSPEND_PLATFORM',
  'REMOVE_APPS',
  'CLOSE_WECHAT_ACCOUNTS',
  'CLOSE_MINI_PROGRAMS',
] as const;
export const BLACKLIST_REASONS = [
  'RECTIFICATION_DEADLINE_MISSED',
  'UNLICENSED',
  'SECTOR_BAN',
  'OTHER',
] as const;

import type { PENALTY_TYPES } from './vocabulary';

type PenaltyType = (typeof PENALTY_TYPES)[number];

/**
 * What each penalty does outside enforcement: the registry status it imposes while in force, the
 * public list it puts the institution on and the words the public reads, and whether it has a term.
 * Enforcement, registry and public-list all read this one table (docs/design.md, "Penalties"), so a
 * measure means the same thing in every department.
 *
 * Types and wording: 《校外培训行政处罚暂行办法》(教育部令第53号, 2023) art. 6 — warning and public
 * criticism; fine; confiscation; suspending the permit / stopping enrolment (暂停/停止招生); revoking the
 * permit and ordering to stop running (责令停止举办); banning from training — plus the online measures of
 * the 2019 online-training opinions (教基〔2019〕8号) and the patrol card ladder.
 */
export interface PenaltyEffect {
  /** The measure's name as a decision names it. */
  label: string;
  /** Registry status while the measure is in force; null leaves the status alone. */
  registryStatus: 'BANNED' | 'SUSPENDED' | null;
  /** The registry records that all training must stop (停止培训). */
  stopsTraining: boolean;
  /** The public list while in force; null: the measure alone does not change the list. */
  list: 'BLACK' | 'GREY' | null;
  /** The public reason, before the end date when there is one (e.g. "…至 2027-01-31"). */
  publicReason: string;
  /** NONE: no end date; OPTIONAL: a term may be set; REQUIRED: only for a term. */
  term: 'NONE' | 'OPTIONAL' | 'REQUIRED';
  /**
   * A pause ends by itself at its end date, list entry included. A ban that ends lifts the registry
   * status, but leaving the black list stays a decision (removeFromBlacklist).
   */
  endsListingByItself: boolean;
}

const noEffect = (label: string): PenaltyEffect => ({
  label,
  registryStatus: null,
  stopsTraining: false,
  list: null,
  publicReason: label,
  term: 'NONE',
  endsListingByItself: false,
});

export const PENALTY_EFFECTS: Record<PenaltyType, PenaltyEffect> = {
  WARNING: noEffect('警告'),
  PUBLIC_CRITICISM: noEffect('通报批评'),
  FINE: noEffect('罚款'),
  CONFISCATION: noEffect('没收违法所得、非法财物'),
  STOP_ENROLLING: {
    label: '责令停止招生',
    registryStatus: 'SUSPENDED',
    stopsTraining: false,
    list: 'GREY',
    publicReason: '责令暂停招生',
    term: 'REQUIRED',
    endsListingByItself: true,
  },
  STOP_OPERATING: {
    label: '责令停止举办',
    registryStatus: 'BANNED',
    stopsTraining: true,
    list: 'BLACK',
    publicReason: '责令停止举办',
    term: 'NONE',
    endsListingByItself: false,
  },
  LICENCE_REVOCATION: {
    label: '吊销办学许可证',
    registryStatus: 'BANNED',
    stopsTraining: true,
    list: 'BLACK',
    publicReason: '吊销办学许可证',
    term: 'NONE',
    endsListingByItself: false,
  },
  SECTOR_BAN: {
    label: '禁止从事校外培训活动',
    registryStatus: 'BANNED',
    stopsTraining: true,
    list: 'BLACK',
    publicReason: '禁止从事校外培训活动',
    term: 'OPTIONAL',
    endsListingByItself: false,
  },
  SUSPEND_PLATFORM: {
    label: '暂停培训平台运营',
    registryStatus: 'SUSPENDED',
    stopsTraining: false,
    list: 'BLACK',
    publicReason: '线上培训平台暂停运营',
    term: 'REQUIRED',
    endsListingByItself: true,
  },
  // Carried out by other departments (网信、工信); the joint action is recorded, the list unchanged.
  REMOVE_APPS: noEffect('下架培训应用'),
  CLOSE_WECHAT_ACCOUNTS: noEffect('关闭微信公众号'),
  CLOSE_MINI_PROGRAMS: noEffect('关闭小程序'),
};

export const penaltyEffect = (type: PenaltyType): PenaltyEffect => PENALTY_EFFECTS[type];

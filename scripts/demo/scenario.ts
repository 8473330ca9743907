/**
 * Which institutions of the data set play a part in the demo's story beyond being registered and
 * surveyed: qualification applications and online filings in every state, orders already rectified,
 * a penalty and a typical case, and the "watched" orders whose deadlines fall minutes apart so a
 * newcomer sees reminders and the escalation ladder happen. Pure and deterministic, like the data set.
 */
import type { DemoDataset, DemoInstitution } from '@jianguan/tools';

export type ApplicationState = 'SUBMITTED' | 'UNDER_REVIEW' | 'MATERIALS_REQUESTED' | 'APPROVED' | 'REJECTED';
export type FilingState =
  'DRAFT' | 'SUBMITTED' | 'SCREENING' | 'RECTIFICATION_REQUIRED' | 'FILED' | 'REJECTED';

export interface DemoScenario {
  /** Found by inspection and not yet surveyed; ordered to rectify by the deadline (minutes from load). */
  watched: { institution: DemoInstitution; deadlineMinutes: number }[];
  applications: { institution: DemoInstitution; state: ApplicationState }[];
  filings: { institution: DemoInstitution; state: FilingState }[];
  /** Surveyed incomplete; their campaign order is confirmed rectified during the load. */
  rectified: DemoInstitution[];
  /** Unlicensed and banned from the sector (black list), the subject of the published typical case. */
  banned: DemoInstitution | undefined;
  /** Fined (罚款) under its campaign order. */
  fined: DemoInstitution | undefined;
}

/** The first watched deadline, and the minutes between watched deadlines. */
export const WATCH_FIRST_DEADLINE_MINUTES = 3;
export const WATCH_DEADLINE_SPACING_MINUTES = 2;

const APPLICATION_STATES: ApplicationState[] = [
  'APPROVED',
  'UNDER_REVIEW',
  'SUBMITTED',
  'MATERIALS_REQUESTED',
  'REJECTED',
  'APPROVED',
  'UNDER_REVIEW',
  'APPROVED',
];
const FILING_STATES: FilingState[] = [
  'FILED',
  'RECTIFICATION_REQUIRED',
  'SCREENING',
  'SUBMITTED',
  'REJECTED',
  'DRAFT',
  'FILED',
];

/** `count` items spread evenly over the candidates (so over the counties), never one already taken. */
function spread(candidates: DemoInstitution[], count: number, taken: Set<number>): DemoInstitution[] {
  const free = candidates.filter((i) => !taken.has(i.index));
  const chosen: DemoInstitution[] = [];
  const n = Math.min(count, free.length);
  for (let k = 0; k < n; k++) {
    const institution = free[Math.floor((k * free.length) / n)];
    chosen.push(institution);
    taken.add(institution.index);
  }
  return chosen;
}

export function demoScenario(dataset: DemoDataset, options: { watched?: number } = {}): DemoScenario {
  const all = dataset.institutions;
  const taken = new Set<number>();
  const missingOnlyPermit = all.filter(
    (i) =>
      i.kind === 'OFFLINE' &&
      i.profile === 'MISSING_LICENCE' &&
      i.expectedMissing.length === 1 &&
      i.expectedMissing[0] === 'SCHOOL_PERMIT',
  );
  const applications = spread(missingOnlyPermit, APPLICATION_STATES.length, taken).map((institution, k) => ({
    institution,
    state: APPLICATION_STATES[k],
  }));
  const onlineComplete = all.filter((i) => i.kind === 'ONLINE' && i.profile === 'COMPLETE');
  const filings = spread(onlineComplete, FILING_STATES.length, taken).map((institution, k) => ({
    institution,
    state: FILING_STATES[k],
  }));
  const unlicensed = all.filter((i) => i.profile === 'UNLICENSED');
  const [banned] = spread(unlicensed, 1, taken);
  const incomplete = all.filter((i) => i.profile === 'MISSING_LICENCE' || i.profile === 'NOT_ON_PLATFORM');
  const [fined] = spread(incomplete, 1, taken);
  // About one in twelve of the incomplete institutions has already rectified.
  const rectified = spread(incomplete, Math.ceil(incomplete.length / 12), taken);
  const watchedCount = options.watched ?? 12;
  const watched = spread(
    all.filter((i) => i.profile !== 'COMPLETE' && i.profile !== 'CLOSED'),
    watchedCount,
    taken,
  ).map((institution, k) => ({
    institution,
    deadlineMinutes: WATCH_FIRST_DEADLINE_MINUTES + k * WATCH_DEADLINE_SPACING_MINUTES,
  }));
  return { watched, applications, filings, rectified, banned, fined };
}

/** Institutions the grid workers survey during the load: all but the watched ones (found by inspection). */
export const surveyedInstitutions = (dataset: DemoDataset, scenario: DemoScenario) => {
  const watched = new Set(scenario.watched.map((w) => w.institution.index));
  return dataset.institutions.filter((i) => !watched.has(i.index));
};

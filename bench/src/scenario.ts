/** What every scenario hands to the report. */
import type { Method, TargetSummary } from './measure';

export interface ScenarioResult {
  scenario: number;
  title: string;
  /** How the scenario was set up and what was checked, in plain words (goes into BENCHMARKS.md). */
  notes: string[];
  method?: Method;
  /** Load scenarios: one summary per target. */
  targets?: TargetSummary[];
  /** Job and import scenarios: named measurements. */
  measurements?: Record<string, number | string | boolean>;
}

export interface RunOptions {
  quick: boolean;
  method: Method;
  institutions: number;
  /** Scenario 4: rectification deadlines due in the same second. */
  deadlines: number;
}

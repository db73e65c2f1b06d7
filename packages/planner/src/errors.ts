/** One problem found in an input document, with the ids it concerns. */
export interface InputIssue {
  code: string;
  message: string;
  /** JSON path into the document, e.g. "persons.12.source" */
  path?: string;
  ids?: string[];
}

/** The scenario (or disruption, plan) cannot be used; `issues` lists every problem found. */
export class ScenarioError extends Error {
  constructor(
    readonly document: 'scenario' | 'plan' | 'disruption',
    readonly issues: InputIssue[],
  ) {
    const head = issues.slice(0, 5).map((i) => `  - ${i.code}: ${i.message}`).join('\n');
    const more = issues.length > 5 ? `\n  ... and ${issues.length - 5} more` : '';
    super(`invalid ${document}: ${issues.length} problem(s)\n${head}${more}`);
    this.name = 'ScenarioError';
  }
}

/** The solver could not produce a plan (for example HiGHS failed to load or to solve the bound). */
export class PlannerError extends Error {
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
    this.name = 'PlannerError';
  }
}

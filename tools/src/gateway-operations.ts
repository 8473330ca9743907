/**
 * The GraphQL documents a department's client sends through the gateway, shared by the e2e tests and
 * the demo loader so each mutation is written once. Each takes its selection set: the tests select
 * every field they assert on, the demo only what it goes on with.
 */
export const gatewayOperations = {
  submitApplication: (fields: string) => `mutation Submit($input: SubmitQualificationApplicationInput!) {
  submitQualificationApplication(input: $input) { ${fields} }
}`,
  startReview: (fields: string) =>
    `mutation Start($id: ID!) { startReview(applicationId: $id) { ${fields} } }`,
  requestMaterials: (fields: string) => `mutation Request($input: RequestMaterialsInput!) {
  requestMaterials(input: $input) { ${fields} }
}`,
  decideQualification: (fields: string) => `mutation Decide($input: DecideQualificationInput!) {
  decideQualification(input: $input) { ${fields} }
}`,

  submitFiling: (fields: string) => `mutation Submit($input: SubmitOnlineFilingInput!) {
  submitOnlineFiling(input: $input) { ${fields} }
}`,
  screenFiling: (fields: string) =>
    `mutation Screen($id: ID!) { screenOnlineFiling(filingId: $id) { ${fields} } }`,
  approveFiling: (fields: string) =>
    `mutation Approve($id: ID!) { approveOnlineFiling(filingId: $id) { ${fields} } }`,
  rejectFiling: (fields: string) => `mutation Reject($input: RejectOnlineFilingInput!) {
  rejectOnlineFiling(input: $input) { ${fields} }
}`,

  issueOrder: (fields: string) => `mutation Issue($input: IssueRectificationOrderInput!) {
  issueRectificationOrder(input: $input) { ${fields} }
}`,
  confirmRectification: (fields: string) => `mutation Confirm($input: ConfirmRectificationInput!) {
  confirmRectification(input: $input) { ${fields} }
}`,

  recordLicence: (fields: string) => `mutation Licence($input: RecordLicenceInput!) {
  recordLicence(input: $input) { ${fields} }
}`,
  joinPlatform: (fields: string) => `mutation Join($id: ID!) {
  joinNationalPlatform(institutionId: $id) { ${fields} }
}`,
};

/** An online course that keeps every filing rule (lesson length, break, end time); `changes` break one. */
export const compliantCourse = (changes: Record<string, unknown> = {}) => ({
  title: '初中数学提高班',
  subject: 'MATH',
  gradeFrom: 7,
  gradeTo: 9,
  lessonMinutes: 30,
  breakMinutes: 10,
  delivery: 'LIVE',
  schedule: '每周六',
  startTime: '19:00',
  endTime: '20:30',
  feePerLessonFen: 8000,
  billingMode: 'PER_LESSON',
  ...changes,
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads until `done` holds or the time is up, and returns the last value read: what other departments
 * learn from events shows a moment later, so a client polls for it.
 */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number },
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(intervalMs);
  }
}

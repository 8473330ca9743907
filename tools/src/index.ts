/**
 * Data generators for the demo, the benchmarks and tests: the synthetic Qinghai survey data set and
 * the national online-filing data set; and the gateway documents, polling and fixtures the demo and
 * the e2e tests share. Not part of any deployed service (ESLint keeps services, libs
 * and the gateway from importing this package); their commands are in ../commands.
 */
export * from './qinghai/model';
export { shortPlaceName } from './qinghai/names';
export { demoCreditCode, expectedCertificates } from './qinghai/licences';
export { allocateByCounty, datasetStats, generateQinghaiDataset, seededRandom } from './qinghai/generator';
export { qinghaiCounties, surveyFileRecord, type DivisionRowLike } from './qinghai/survey-file';
export { generateNationalDataSet, NATIONAL_2019, type NationalFilingSheets } from './national-filing';
export {
  BENCH_LOOKUP_TERMS,
  benchInstitution,
  benchInstitutions,
  type BenchCounty,
  type BenchInstitution,
} from './bench-dataset';
export { compliantCourse, gatewayOperations, pollUntil, sleep } from './gateway-operations';

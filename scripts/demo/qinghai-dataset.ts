/**
 * The Qinghai data set generator lives with the registry's survey-file import, whose `seed` command
 * writes it as a CSV file; the demo uses the same generator.
 */
export * from '@jianguan/registry/src/import/qinghai-dataset';

import { randomBytes } from 'node:crypto';
import { databaseUrl, onServer, setTemplateDatabase, TEST_DATABASE_PREFIX } from '@jianguan/testing';
import { federationServices } from './federation';

/**
 * Migrates every service once into a template database; each test file then clones it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds instead of re-running migrations.
 */
export default async function globalSetup() {
  const template = `${TEST_DATABASE_PREFIX}template_${randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${template}"`));
  for (const service of federationServices) await service.migrate(databaseUrl(template));
  setTemplateDatabase(template);
}

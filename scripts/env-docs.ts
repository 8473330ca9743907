/**
 * docs/environment.md, rendered from the zod schemas every process parses its environment with: the
 * variable, its default and its meaning (the schema's `.describe()`). `pnpm docs:env` writes the file;
 * `pnpm docs:env --check` (run by scripts/test/env-docs.test.ts) fails when the committed file differs
 * from what the schemas render, so a setting cannot change without its documentation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { enforcementConfigSchema } from '@jianguan/enforcement';
import { gatewayEnvSchema, subgraphVariables } from '@jianguan/gateway';
import { filingConfigSchema } from '@jianguan/online-course-filing';
import { subgraphConfigSchema } from '@jianguan/platform';
import { publicListConfigSchema } from '@jianguan/public-list';
import { reviewConfigSchema } from '@jianguan/qualification-review';
import { registryConfigSchema } from '@jianguan/registry';
import { testEnvSchema } from '@jianguan/testing';
import { deploymentMigrateEnvSchema } from '@jianguan/deploy';
import { launcherEnvSchema, REPO_ROOT } from './dev-env';

export const ENVIRONMENT_MD = path.join(REPO_ROOT, 'docs', 'environment.md');

type EnvSchema = z.ZodObject<z.ZodRawShape>;

/** The five subgraphs' schemas, in the federation's order (each extends subgraphConfigSchema). */
const SERVICES: [string, EnvSchema][] = [
  ['registry', registryConfigSchema],
  ['qualification-review', reviewConfigSchema],
  ['online-course-filing', filingConfigSchema],
  ['enforcement', enforcementConfigSchema],
  ['public-list', publicListConfigSchema],
];

interface VariableDoc {
  /** Rendered default: the value, `—` when optional, `required` when the process refuses to start without it. */
  defaultText: string;
  meaning?: string;
}

/** A default as one would write the variable: repository paths relative, '' as "empty". */
function defaultText(value: unknown): string {
  if (value === '') return '— (empty)';
  const text = String(value);
  const relative = path.isAbsolute(text) ? path.relative(REPO_ROOT, text) : text;
  return `\`${relative}\``;
}

/**
 * Reads one variable's schema through its wrappers: preprocess (its output side), transform pipes
 * (their input side), `.default()`/`.prefault()` and `.optional()`. The description may sit on any
 * of them; the outermost wins.
 */
export function variableDoc(field: z.ZodType): VariableDoc {
  let schema = field as z.ZodType;
  let meaning: string | undefined;
  let text: string | undefined;
  let optional = false;
  for (;;) {
    meaning ??= schema.description;
    const def = schema._zod.def as unknown as {
      type: string;
      innerType?: z.ZodType;
      defaultValue?: unknown;
      in?: z.ZodType;
      out?: z.ZodType;
    };
    if (def.type === 'default' || def.type === 'prefault') {
      text ??= defaultText(def.defaultValue);
      schema = def.innerType!;
    } else if (def.type === 'optional') {
      optional = true;
      schema = def.innerType!;
    } else if (def.type === 'pipe') {
      schema = def.in!._zod.def.type === 'transform' ? def.out! : def.in!;
    } else {
      break;
    }
  }
  return { defaultText: text ?? (optional ? '—' : 'required'), meaning };
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

function variableTable(schema: EnvSchema): string {
  const rows = Object.entries(schema.shape).map(([name, field]) => {
    const doc = variableDoc(field as z.ZodType);
    return [`\`${name}\``, doc.defaultText, doc.meaning ?? ''];
  });
  return table(['Variable', 'Default', 'Meaning'], rows);
}

/**
 * Settings every subgraph has (the shared schema, and whatever all five add alike), with each
 * service's default where they differ; then the settings only some services have.
 */
function subgraphTables(): string {
  const shared = Object.keys(subgraphConfigSchema.shape);
  for (const key of Object.keys(SERVICES[0][1].shape)) {
    if (!shared.includes(key) && SERVICES.every(([, schema]) => key in schema.shape)) shared.push(key);
  }
  const sharedRows = shared.map((name) => {
    const docs = SERVICES.map(([, schema]) => variableDoc(schema.shape[name] as z.ZodType));
    const defaults = docs.map((doc) => doc.defaultText);
    const defaultCell = defaults.every((text) => text === defaults[0])
      ? defaults[0]
      : SERVICES.map(([service], i) => `${service} ${defaults[i]}`).join(', ');
    const meaning =
      docs.find((doc) => doc.meaning)?.meaning ??
      variableDoc(subgraphConfigSchema.shape[name as keyof typeof subgraphConfigSchema.shape]).meaning;
    return [`\`${name}\``, defaultCell, meaning ?? ''];
  });
  const ownRows = SERVICES.flatMap(([service, schema]) =>
    Object.entries(schema.shape)
      .filter(([name]) => !shared.includes(name))
      .map(([name, field]) => {
        const doc = variableDoc(field as z.ZodType);
        return [`\`${name}\``, service, doc.defaultText, doc.meaning ?? ''];
      }),
  );
  return [
    table(['Variable', 'Default', 'Meaning'], sharedRows),
    "Each service's own settings (`services/<name>/src/config.ts`):",
    table(['Variable', 'Service', 'Default', 'Meaning'], ownRows),
  ].join('\n\n');
}

function markdown(): string {
  const gatewaySchema = gatewayEnvSchema.extend(subgraphVariables(['<name>']));
  return `# Environment

<!-- Generated by \`pnpm docs:env\` (scripts/env-docs.ts) from the zod schemas named in each heading;
edit the schemas' \`.describe()\`, not this file. scripts/test/env-docs.test.ts checks it is current. -->

All configuration comes from environment variables, parsed once with zod at start-up; a bad value
stops the process with every problem listed. \`VAR=\` (empty) counts as unset for the launcher, the
migration and the gateway.

## Every subgraph and worker (\`libs/platform/src/config.ts\`, \`services/<name>/src/config.ts\`)

${subgraphTables()}

## A service's migration (\`node migrate.js\` in its image; \`deploy/src/deployment-env.ts\`)

${variableTable(deploymentMigrateEnvSchema)}

## Gateway (\`gateway/src/config.ts\`)

One \`SUBGRAPH_<NAME>_URL\` and one \`SUBGRAPH_<NAME>_SECRET\` for each subgraph the supergraph names.

${variableTable(gatewaySchema)}

## Launcher (\`pnpm start\`, \`pnpm token\`; \`scripts/dev-env.ts\`)

${variableTable(launcherEnvSchema)}

\`SUBGRAPH_<NAME>_SECRET\` (at least 16 characters) sets a subgraph's secret; unset, one is generated
once into \`.data/dev-secrets.json\`. Other variables in the launcher's environment (e.g.
\`OUTBOX_POLL_MS\`) pass through to the services.

## Tests (\`libs/testing/src/test-config.ts\`)

${variableTable(testEnvSchema)}
`;
}

/** docs/environment.md as the schemas render it, formatted as the repository formats Markdown. */
export async function renderEnvironmentDocs(): Promise<string> {
  // Loaded here, not at the top: prettier cannot load inside jest, whose test imports variableDoc.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(ENVIRONMENT_MD)) ?? {};
  return prettier.format(markdown(), { ...options, parser: 'markdown' });
}

/**
 * `pnpm docs:env` writes the file; `pnpm docs:env --check [FILE]` only compares (docs/environment.md,
 * or FILE), and fails when it is not what the schemas render. Prettier runs here, outside jest,
 * which cannot load it.
 */
async function main(args: string[]): Promise<void> {
  const rendered = await renderEnvironmentDocs();
  const check = args[0] === '--check';
  const file = (check && args[1]) || ENVIRONMENT_MD;
  const where = path.relative(process.cwd(), file);
  if (!check) {
    writeFileSync(file, rendered);
    console.log(`wrote ${where}`);
  } else if (readFileSync(file, 'utf8') !== rendered) {
    console.error(`${where} is not what the config schemas render: run \`pnpm docs:env\``);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

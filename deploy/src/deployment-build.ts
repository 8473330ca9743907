/**
 * `node -r @swc-node/register deploy/src/deployment-build.ts <package-dir> <out-dir>`: what
 * deploy/Dockerfile's build stage runs for its PACKAGE argument. It copies one deployable workspace
 * package with its production dependencies only (`pnpm deploy --prod`), compiles the TypeScript
 * of that package and of every workspace library it uses to plain CommonJS with the repository's
 * .swcrc (decorators and their metadata, which TypeORM entities need), and drops the sources,
 * tests and tool configs, so the image runs `node src/server.js` with nothing but Node.
 *
 * Subgraph packages also get `migrate.js`, which migrates that service's own schema.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { transformFileSync, type Options } from '@swc/core';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Files the running image never reads. */
const DROPPED = ['test', 'scripts', 'dist', 'tsconfig.json', 'tsconfig.tooling.json', 'tsconfig.tsbuildinfo'];

/** The repository's .swcrc with the source map inline, so stack traces point at the TypeScript. */
function swcOptions(): Options {
  const swcrc = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, '.swcrc'), 'utf8')) as Options & {
    $schema?: string;
  };
  delete swcrc.$schema;
  return { ...swcrc, swcrc: false, configFile: false };
}

const isTypeScript = (file: string) => file.endsWith('.ts') && !file.endsWith('.d.ts');

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Compiles `source` to `target` (a .js path). */
function compileFile(source: string, target: string, options: Options): void {
  const { code } = transformFileSync(source, { ...options, filename: source });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.rmSync(target, { force: true });
  fs.writeFileSync(target, code);
}

/** Compiles one deployed package in place: `src/x.ts` becomes `src/x.js`; `main` points at it. */
function compilePackage(dir: string, options: Options): number {
  for (const name of DROPPED) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  const sources = listFiles(dir).filter(isTypeScript);
  for (const source of sources) {
    compileFile(source, source.replace(/\.ts$/, '.js'), options);
    fs.rmSync(source);
  }
  const manifestFile = path.join(dir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  if (typeof manifest.main === 'string') manifest.main = manifest.main.replace(/\.ts$/, '.js');
  delete manifest.types;
  delete manifest.devDependencies;
  // pnpm hard-links deployed workspace files to the sources: unlink first, never write through.
  fs.rmSync(manifestFile);
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return sources.length;
}

/** The workspace libraries `pnpm deploy` copied (not linked) into the output's node_modules. */
function injectedWorkspacePackages(outDir: string): string[] {
  const store = path.join(outDir, 'node_modules', '.pnpm');
  if (!fs.existsSync(store)) return [];
  return fs
    .readdirSync(store)
    .filter((entry) => entry.startsWith('@jianguan+'))
    .flatMap((entry) => {
      const scope = path.join(store, entry, 'node_modules', '@jianguan');
      return fs.readdirSync(scope).map((name) => path.join(scope, name));
    })
    .filter((dir) => !fs.lstatSync(dir).isSymbolicLink());
}

export interface BuildResult {
  outDir: string;
  packageName: string;
  compiledFiles: number;
  /** Entry points the image may run, relative to `outDir`. */
  entryPoints: string[];
}

/**
 * `pnpm deploy --legacy` also writes the deployed package's `node_modules/.bin` shims under the
 * source package, at the target's path relative to the workspace root (e.g. services/registry +
 * ../../tmp/out/registry → <repo>/tmp/out/registry). Removes that copy, and the folders it leaves empty.
 */
function removeStrayBinLinks(source: string, target: string) {
  let stray = path.join(source, path.relative(REPO_ROOT, target));
  if (stray === target || !stray.startsWith(REPO_ROOT + path.sep) || !fs.existsSync(stray)) return;
  fs.rmSync(stray, { recursive: true, force: true });
  for (stray = path.dirname(stray); stray.startsWith(REPO_ROOT + path.sep); stray = path.dirname(stray)) {
    if (fs.readdirSync(stray).length > 0) break;
    fs.rmdirSync(stray);
  }
}

/** Builds the deployable at `packageDir` (e.g. `services/registry`) into the empty `outDir`. */
export function buildDeployable(packageDir: string, outDir: string): BuildResult {
  const source = path.resolve(REPO_ROOT, packageDir);
  const { name: packageName } = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as {
    name: string;
  };
  const target = path.resolve(outDir);
  // `--legacy`: the workspace does not set inject-workspace-packages, which the new deploy requires.
  // `--prefer-offline`: from the store `pnpm install` filled, so it also builds where the registry is
  // out of reach (the tests in CI's network namespace); what the store lacks is still fetched.
  const deploy = spawnSync(
    'pnpm',
    ['--filter', packageName, 'deploy', '--prod', '--legacy', '--prefer-offline', target],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (deploy.status !== 0) {
    // pnpm writes its reason (ERR_PNPM_…) to stdout; a test's failure should show it.
    const said = `${deploy.stdout}\n${deploy.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(
      `pnpm deploy of ${packageName} failed (${deploy.signal ?? `exit ${deploy.status}`}):\n${said}`,
    );
  }
  removeStrayBinLinks(source, target);
  const options = swcOptions();
  let compiledFiles = compilePackage(target, options);
  for (const dir of injectedWorkspacePackages(target)) compiledFiles += compilePackage(dir, options);

  const entryPoints = ['src/server.js', 'src/worker.js'].filter((file) =>
    fs.existsSync(path.join(target, file)),
  );
  if (fs.existsSync(path.join(target, 'src', 'migrate.js'))) {
    compileFile(path.join(__dirname, 'deployment-migrate.ts'), path.join(target, 'migrate.js'), options);
    compileFile(path.join(__dirname, 'deployment-env.ts'), path.join(target, 'deployment-env.js'), options);
    entryPoints.push('migrate.js');
  }
  return { outDir: target, packageName, compiledFiles, entryPoints };
}

if (require.main === module) {
  const [packageDir, outDir] = process.argv.slice(2);
  if (!packageDir || !outDir) {
    process.stderr.write('usage: deployment-build <package-dir, e.g. services/registry> <out-dir>\n');
    process.exit(2);
  }
  const result = buildDeployable(packageDir, outDir);
  process.stderr.write(
    `${result.packageName}: ${result.compiledFiles} files compiled into ${result.outDir} ` +
      `(entry points: ${result.entryPoints.join(', ')})\n`,
  );
}

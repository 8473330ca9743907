/**
 * Reads a Dockerfile into stages of instructions (comments dropped, `\` continuations joined) and
 * checks the rules every image of this repository follows: a build stage and a final stage, the final
 * stage running as a non-root user, installing nothing (production dependencies come ready-made from
 * the build stage), and starting with an exec-form `node <file>`.
 */
export interface Instruction {
  keyword: string;
  args: string;
}
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (pending === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    logical.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending !== '') logical.push(pending.trim());

  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args };
    if (instruction.keyword === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') throw new Error(`${instruction.keyword} before the first FROM`);
    } else {
      stages[stages.length - 1].instructions.push(instruction);
    }
  }
  return stages;
}

const INSTALLS =
  /\b(npm\s+(install|ci|i)\b|pnpm\s+(install|add|i)\b|yarn(\s+(install|add))?\b|apt-get\s+install)/;

/** The exec-form CMD (or ENTRYPOINT + CMD) of the final stage, e.g. `['node', 'src/server.js']`. */
export function finalCommand(stages: Stage[]): string[] {
  const last = stages[stages.length - 1];
  const exec = (keyword: string) => {
    const found = last?.instructions.filter((instruction) => instruction.keyword === keyword).pop();
    return found ? (JSON.parse(found.args) as string[]) : [];
  };
  return [...exec('ENTRYPOINT'), ...exec('CMD')];
}

/** Every rule the Dockerfile breaks; empty when it follows them all. */
export function dockerfileProblems(text: string): string[] {
  let stages: Stage[];
  try {
    stages = parseDockerfile(text);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  if (stages.length < 2) problems.push('not multi-stage: a build stage and a final stage are expected');
  const last = stages[stages.length - 1];
  if (!last) return ['no FROM'];
  const users = last.instructions.filter((instruction) => instruction.keyword === 'USER');
  const user = users.pop()?.args.split(':')[0];
  if (!user) problems.push('the final stage sets no USER, so it runs as root');
  else if (user === 'root' || user === '0') problems.push(`the final stage runs as ${user}`);
  for (const instruction of last.instructions.filter((i) => i.keyword === 'RUN')) {
    if (INSTALLS.test(instruction.args))
      problems.push(`the final stage installs packages: RUN ${instruction.args}`);
  }
  const copiesBuild = last.instructions.some(
    (instruction) => instruction.keyword === 'COPY' && /--from=\S+/.test(instruction.args),
  );
  if (!copiesBuild) problems.push('the final stage copies nothing from the build stage');
  for (const keyword of ['CMD', 'ENTRYPOINT']) {
    const instruction = last.instructions.find((i) => i.keyword === keyword);
    if (instruction && !instruction.args.startsWith('[')) {
      problems.push(`${keyword} is in shell form (signals would not reach node): ${instruction.args}`);
    }
  }
  try {
    const command = finalCommand(stages);
    if (command[0] !== 'node' || !command[1]?.endsWith('.js')) {
      problems.push(`the final stage does not start \`node <file>.js\`: ${JSON.stringify(command)}`);
    }
  } catch {
    problems.push('CMD/ENTRYPOINT is not valid JSON');
  }
  return problems;
}

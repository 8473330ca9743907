/** Before timing: every target must give the same JSON for the same request. */
import { postGraphQL } from './graphql-client';

export interface AnswerSource {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/** Posts each sample body to every source; throws, naming the first difference, unless all agree. */
export async function checkIdenticalAnswers(sources: AnswerSource[], bodies: string[]): Promise<number> {
  let checked = 0;
  for (const body of bodies) {
    const answers = await Promise.all(
      sources.map(async (s) => ({ source: s.name, json: JSON.stringify(await postGraphQL(s.url, body, s.headers)) })),
    );
    const reference = answers[0];
    if (reference.json.includes('"errors"')) {
      throw new Error(`${reference.source} answered with errors: ${reference.json.slice(0, 500)}`);
    }
    for (const answer of answers.slice(1)) {
      if (answer.json !== reference.json) {
        throw new Error(
          `${answer.source} and ${reference.source} differ for ${body.slice(0, 120)}…\n` +
            `  ${reference.source}: ${reference.json.slice(0, 400)}\n  ${answer.source}: ${answer.json.slice(0, 400)}`,
        );
      }
    }
    checked += 1;
  }
  return checked;
}

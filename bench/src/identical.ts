/** Before timing: every target must give the same JSON for the same request. */
import { postGraphQL } from './graphql-client';

export interface AnswerSource {
  name: string;
  url: string;
  headers: Record<string, string>;
}

/**
 * One answer; an answer with errors is asked again (twice at most): a gateway's first request after an
 * idle spell can meet a keep-alive socket the subgraph has just closed (ECONNRESET).
 */
async function answerOf(source: AnswerSource, body: string): Promise<string> {
  let json = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    json = JSON.stringify(await postGraphQL(source.url, body, source.headers));
    if (!json.includes('"errors"')) break;
  }
  return json;
}

/** Posts each sample body to every source; throws, naming the first difference, unless all agree. */
export async function checkIdenticalAnswers(sources: AnswerSource[], bodies: string[]): Promise<number> {
  let checked = 0;
  for (const body of bodies) {
    const answers = await Promise.all(
      sources.map(async (s) => ({ source: s.name, json: await answerOf(s, body) })),
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

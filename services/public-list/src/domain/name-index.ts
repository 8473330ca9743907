import { pinyin } from 'pinyin-pro';

/** Lower-case letters and digits only, so queries compare without tones, spaces or punctuation. */
const fold = (parts: string[]) =>
  parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Full pinyin (e.g. `chengdongqupeixunxuexiao`) and initials (`cdqpxxx`) of a name, for lookup. */
export function pinyinKeys(name: string): { full: string; initials: string } {
  return {
    full: fold(pinyin(name, { toneType: 'none', type: 'array', v: true })),
    initials: fold(pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })),
  };
}

/** Every pair of adjacent characters: a GIN index over these answers 2-character fragments. */
export function bigrams(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

const STOP_WORDS = new Set(
  `a an the and or but if then so of to in on at for from by with about into over under
  is are was were be been being am do does did have has had can could will would should may might must
  i me my we our you your he she it its they them their this that these those there here what which who
  whom whose when where why how not no yes please tell give show find get set fetch make let use call
  want need like just some any all each every more most much many very also than too as up down out
  answer write explain describe list say reply respond current information data value values tool
  function functions return returns returned result results using used via one two three four five
  six seven eight nine ten short long brief quick simple good best new`.split(/\s+/),
);

/** Lower-cases a word and drops a plural `s`, so `cities` ≈ `city` and `forecasts` ≈ `forecast`. */
export function stemWord(word: string): string {
  const lower = word.toLowerCase();
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !lower.endsWith('ss')) return lower.slice(0, -1);
  return lower;
}

/** Words of `text` that carry meaning (no stop words), stemmed, in order, without repeats. */
export function keywords(text: string): string[] {
  const seen = new Set<string>();
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const stem = stemWord(word);
    if (stem.length < 2 || STOP_WORDS.has(stem) || STOP_WORDS.has(word.toLowerCase())) continue;
    seen.add(stem);
  }
  return [...seen];
}

/** Splits identifiers such as `get_weather`, `getWeather` or `get-weather` into stemmed words. */
export function identifierWords(name: string): string[] {
  return keywords(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' '));
}

const ENTITY_PATTERN = /\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/gu;

/**
 * Proper names in `text` (runs of capitalised words), skipping the first word of a
 * sentence unless a preposition such as "in" or "for" introduces it.
 *
 * @example
 * entities('What is the weather in Paris and New York?'); // ['Paris', 'New York']
 */
export function entities(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(ENTITY_PATTERN)) {
    const before = text.slice(0, match.index).trimEnd();
    const sentenceStart = before === '' || /[.!?:]$/.test(before);
    let value = match[0];
    if (sentenceStart) {
      const [first, ...rest] = value.split(/\s+/);
      if (first !== undefined && STOP_WORDS.has(first.toLowerCase().replace(/['’].*$/, ''))) {
        value = rest.join(' ');
      } else if (rest.length === 0) {
        continue;
      }
    }
    if (value === '' || value === 'I' || STOP_WORDS.has(value.toLowerCase())) continue;
    if (!found.includes(value)) found.push(value);
  }
  return found;
}

/** Numbers written in `text`, in order. */
export function numbers(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** A number written in a prompt and the words around it (stemmed), within its clause. */
export interface NumberMention {
  value: number;
  nearby: string[];
}

/**
 * Numbers written in `text`, in order, each with the content words near it in the same
 * clause: what tells a budget (`900 euros`) from a length (`4 days`).
 *
 * @example
 * numberMentions('4 days in Lisbon with a budget of 900 euros');
 * // [{ value: 4, nearby: ['day', 'lisbon'] }, { value: 900, nearby: ['budget', 'euro'] }]
 */
export function numberMentions(text: string): NumberMention[] {
  return [...text.matchAll(/-?\d+(?:\.\d+)?/g)].map((match) => {
    const start = match.index;
    const end = start + match[0].length;
    const preceding = text.slice(Math.max(0, start - 30), start);
    // A window that starts inside a word starts after it.
    const whole =
      start > 30 && /\S/.test(text[start - 31]!) ? preceding.replace(/^\S*/, '') : preceding;
    const before = whole.split(/[,;:.!?\n]/).at(-1) ?? '';
    const after = text.slice(end, end + 30).split(/[,;:.!?\n]/)[0] ?? '';
    const nearby = [
      ...keywords(before.replace(/\d+(?:\.\d+)?/g, ' ')).slice(-2),
      ...keywords(after.replace(/\d+(?:\.\d+)?/g, ' ')).slice(0, 2),
    ];
    return { value: Number(match[0]), nearby };
  });
}

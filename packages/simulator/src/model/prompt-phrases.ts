import { stemWord } from './prompt-words';

// Words that end a phrase: function words, and the verbs that introduce what someone wants.
const BREAKS = new Set(
  `a an the and or but nor so yet if then of to in on at for from by with about into onto over under
  between through during before after within without per via as than is are was were be been being am
  do does did have has had can could will would should may might must shall i me my we our us you your
  he him his she her it its they them their this that these those there here what which who whom whose
  when where why how not no yes please also too very really just only each every some any all both
  more most much many such own same other another love loves loved like likes liked enjoy enjoys prefer
  prefers want wants wanted need needs wish hope plan planning visit visiting see seeing try trying go
  going get getting make making let tell give show find use call write explain describe list say reply
  respond answer turn fill stay stays eat drink travel come bring take keep think know feel look meet
  deliver reach`.split(/\s+/),
);

// Dates are values of their own, not things to list.
const TIME_WORDS = new Set(
  `january february march april may june july august september october november december monday
  tuesday wednesday thursday friday saturday sunday today tomorrow yesterday tonight morning afternoon
  evening night week weekend month year`.split(/\s+/),
);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*|\n|[^\s\p{L}\p{N}]+|[^\S\n]+/gu;

// What follows an imperative verb opening a sentence: "Book a table", "Order 3 pizzas".
const OBJECT_OPENERS = new Set(
  'a an the my me us our your some this that these those another'.split(' '),
);

function isLabel(word: string, labels: ReadonlySet<string>): boolean {
  const stem = stemWord(word);
  for (const label of labels) {
    if (label.length >= 3 && (stem.startsWith(label) || label.startsWith(stem))) return true;
    if (label === stem) return true;
  }
  return false;
}

/**
 * The things a prompt names, in order: runs of content words between punctuation,
 * function words, numbers and verbs of wanting ("I love food and old trams" → `food`,
 * `old trams`). Runs made only of `labels` (the schema's own field and tool names) and
 * dates are left out; so are repeats.
 *
 * @example
 * phrases('A 4 day trip to Lisbon; I love food and old trams.', new Set(['day', 'trip']));
 * // ['Lisbon', 'food', 'old trams']
 */
export function phrases(text: string, labels: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  let run: string[] = [];
  const flush = () => {
    const words = run;
    run = [];
    if (words.length === 0) return;
    if (words.every((word) => isLabel(word, labels) || TIME_WORDS.has(word.toLowerCase()))) return;
    const phrase = words.join(' ');
    const key = phrase.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    found.push(phrase);
  };
  const tokens = (text.match(TOKEN) ?? []).filter((token) => !/^[^\S\n]+$/.test(token));
  let sentenceStart = true;
  for (const [index, token] of tokens.entries()) {
    const lower = token.toLowerCase().replace(/['’].*$/, '');
    const isWord = /^[\p{L}\p{N}]/u.test(token);
    const next = tokens[index + 1]?.toLowerCase() ?? '';
    const imperative =
      sentenceStart && isWord && (OBJECT_OPENERS.has(next) || /^\p{N}/u.test(next));
    if (
      !isWord ||
      imperative ||
      /^\p{N}/u.test(token) ||
      BREAKS.has(lower) ||
      BREAKS.has(stemWord(lower))
    ) {
      flush();
    } else {
      run.push(token);
    }
    sentenceStart = token === '\n' || /[.!?:]$/.test(token);
  }
  flush();
  return found;
}

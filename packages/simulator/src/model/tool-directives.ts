import type { FunctionTool } from '@apifree/core/wire';

/** What the instructions say about tools: the ones to call always, the ones never to call. */
export interface ToolDirectives {
  always: FunctionTool[];
  never: FunctionTool[];
}

const DIRECTIVE_WORDS =
  'call|calls|called|calling|use|uses|used|using|invoke|invokes|invoked|invoking|run|runs|running|execute|executes|executed|executing';
const DIRECTIVE = new RegExp(`\\b(${DIRECTIVE_WORDS})\\b`, 'i');
const DIRECTIVE_WORD = new RegExp(`^(${DIRECTIVE_WORDS})$`, 'i');
// Each turns around what follows it, so two cancel: "never forget to call", "never answer
// without using".
const NEGATOR_WORD =
  /^(never|not|no|don['’]?t|doesn['’]?t|mustn['’]?t|shouldn['’]?t|can['’]?t|cannot|won['’]?t|avoid|avoiding|without|refrain|forget|fail|skip|omit|neglect)$/i;
// An order for every request says so; "Use get_weather for weather questions" is advice
// the request decides on, like any tool description. A prohibition is a rule for every
// request too, and so is the order beside it: "Never guess, use the calculator".
const STANDING = /\b(always|must|every|each|regardless|no matter|never)\b/i;
// "When the user asks about weather, call get_weather" is a rule for some requests only;
// "even if" and "even when" make a rule stronger, not conditional.
const CONDITIONAL = /\b(if|when|whenever|unless|in case|only)\b/i;
const CONCESSIVE = /\beven\s+(if|when|though)\b/gi;
// A negation reaches only as far as its clause: "Never do arithmetic yourself; always use
// the calculator" bans the arithmetic, not the tool. "and", "or" and "then" start a new
// clause only when what follows carries its own "always", "never"…; otherwise they join
// the tools one verb governs ("never call delete_file or rm_rf").
const CLAUSE_BREAK =
  /[,;:()]|\s[—–-]\s|—|\b(?:but|instead|rather|otherwise)\b|\b(?:and|or|then|so)\b(?=\s+(?:(?:you|then|please)\s+)*(?:always|never|must|should|do\s+not|don['’]?t|avoid|also)\b)/i;
// Words that leave a clause waiting for its verb: "Never, ever, call…", "Do not, …".
const FILLER_WORD = /^(do|does|you|must|should|ever|please|absolutely|really|just|i|we|repeat)$/i;
// An aside between a negation and its verb: "Do not, under any circumstances, call…".
const ASIDE = /^\s*(under|in|at|for|on|whatever|whichever|regardless|ever|even)\b/i;
const ASIDE_WORDS = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The tool by its name ("math_addition") or its name's words ("math addition").
function names(text: string, tool: FunctionTool): boolean {
  const spaced = tool.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ');
  return [tool.name, spaced].some((form) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(form)}($|[^\\p{L}\\p{N}_])`, 'iu').test(text),
  );
}

function negations(words: readonly string[]): number {
  return words.filter((word) => NEGATOR_WORD.test(word)).length;
}

interface ClauseReading {
  tools: FunctionTool[];
  negated: boolean;
  /** Two negations that cancel ("never forget to call") make a standing order. */
  doubled: boolean;
}

// Reads the clauses of one sentence in order, carrying a negation that waits for its verb
// ("Never, under any circumstances, call…") and the verb a list of names continues
// ("Never call delete_file, rm_rf or drop_table").
function readClauses(sentence: string, tools: readonly FunctionTool[]): ClauseReading[] {
  const readings: ClauseReading[] = [];
  let waiting = 0;
  let lastNegated: boolean | undefined;
  for (const clause of sentence.split(CLAUSE_BREAK)) {
    const words = clause.match(/[\p{L}\p{N}_'’]+/gu) ?? [];
    if (words.length === 0) continue;
    const named = tools.filter((tool) => names(clause, tool));
    const verbAt = words.findIndex((word) => DIRECTIVE_WORD.test(word));
    if (verbAt < 0 && named.length === 0) {
      const bare = words.every((word) => NEGATOR_WORD.test(word) || FILLER_WORD.test(word));
      const aside = ASIDE.test(clause) && words.length <= ASIDE_WORDS;
      waiting = bare || aside ? waiting + negations(words) : 0;
      continue;
    }
    let count: number;
    if (verbAt >= 0) {
      count = waiting + negations(words.slice(0, verbAt));
    } else if (lastNegated !== undefined) {
      count = (lastNegated ? 1 : 0) + waiting + negations(words);
    } else {
      waiting = 0;
      continue;
    }
    waiting = 0;
    const negated = count % 2 === 1;
    if (verbAt >= 0) lastNegated = negated;
    readings.push({ tools: named, negated, doubled: verbAt >= 0 && count >= 2 });
  }
  return readings;
}

/**
 * Reads the instructions (the `instructions` field, system and developer messages) for
 * standing orders about tools: "You must ALWAYS call the math_addition function" makes
 * `math_addition` a tool to call on every request, "Never use delete_file" rules one
 * out. A negation governs its own clause only: "Never do arithmetic yourself; always use
 * the calculator" orders the calculator. Advice ("Use get_weather for weather
 * questions") and conditional rules ("if…", "when…") are left to the request itself.
 *
 * @example
 * toolDirectives('You must ALWAYS call the math_addition function.', [mathAddition]).always;
 * // [mathAddition]
 * toolDirectives('Never do arithmetic yourself; always use the calculator.', [calculator]).always;
 * // [calculator]
 */
export function toolDirectives(
  instructions: string,
  tools: readonly FunctionTool[],
): ToolDirectives {
  const always: FunctionTool[] = [];
  const never: FunctionTool[] = [];
  for (const sentence of instructions.split(/(?<=[.!?])\s+|\n+/)) {
    if (!DIRECTIVE.test(sentence) || CONDITIONAL.test(sentence.replace(CONCESSIVE, ''))) continue;
    const standing = STANDING.test(sentence);
    for (const reading of readClauses(sentence, tools)) {
      if (!reading.negated && !standing && !reading.doubled) continue;
      const list = reading.negated ? never : always;
      for (const tool of reading.tools) if (!list.includes(tool)) list.push(tool);
    }
  }
  return { always: always.filter((tool) => !never.includes(tool)), never };
}

import type { FunctionTool } from '@apifree/core/wire';

/** What the instructions say about tools: the ones to call always, the ones never to call. */
export interface ToolDirectives {
  always: FunctionTool[];
  never: FunctionTool[];
}

const DIRECTIVE = /\b(call|calls|calling|use|uses|using|invoke|invoking|run|execute)\b/i;
const NEGATED = /\b(never|not|don't|dont|avoid|mustn't|shouldn't)\b/i;
// An order for every request says so; "Use get_weather for weather questions" is advice
// the request decides on, like any tool description.
const STANDING = /\b(always|must|every|each|regardless|no matter)\b/i;
// "When the user asks about weather, call get_weather" is a rule for some requests only.
const CONDITIONAL = /\b(if|when|whenever|unless|in case|only)\b/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The tool by its name ("math_addition") or its name's words ("math addition").
function names(sentence: string, tool: FunctionTool): boolean {
  const spaced = tool.name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ');
  return [tool.name, spaced].some((form) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_])${escapeRegExp(form)}($|[^\\p{L}\\p{N}_])`, 'iu').test(
      sentence,
    ),
  );
}

/**
 * Reads the instructions (the `instructions` field, system and developer messages) for
 * standing orders about tools: "You must ALWAYS call the math_addition function" makes
 * `math_addition` a tool to call on every request, "Never use delete_file" rules one
 * out. Advice ("Use get_weather for weather questions") and conditional rules ("if…",
 * "when…") are left to the request itself.
 *
 * @example
 * toolDirectives('You must ALWAYS call the math_addition function.', [mathAddition]).always;
 * // [mathAddition]
 */
export function toolDirectives(
  instructions: string,
  tools: readonly FunctionTool[],
): ToolDirectives {
  const always: FunctionTool[] = [];
  const never: FunctionTool[] = [];
  for (const sentence of instructions.split(/(?<=[.!?])\s+|\n+/)) {
    if (!DIRECTIVE.test(sentence) || CONDITIONAL.test(sentence)) continue;
    const negated = NEGATED.test(sentence);
    if (!negated && !STANDING.test(sentence)) continue;
    for (const tool of tools) {
      if (!names(sentence, tool)) continue;
      const list = negated ? never : always;
      if (!list.includes(tool)) list.push(tool);
    }
  }
  return { always: always.filter((tool) => !never.includes(tool)), never };
}

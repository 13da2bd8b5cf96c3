import type { FunctionTool, ToolChoice } from '@apifree/core/wire';
import { entities, identifierWords, keywords } from './prompt-words';
import { type JsonSchema, valueForSchema } from './schema-value';
import { toolDirectives } from './tool-directives';

/** A call the model decided to make: the tool's name and its arguments as a JSON string. */
export interface PlannedToolCall {
  name: string;
  arguments: string;
}

/** What the planner needs from the request. */
export interface ToolPlanInput {
  userText: string;
  /** What the model was told: standing orders to call (or never call) a tool count. */
  instructions?: string;
  tools: FunctionTool[];
  toolChoice: ToolChoice | undefined;
  parallelToolCalls: boolean;
  maxToolCalls: number | null;
}

function score(tool: FunctionTool, text: string): number {
  const words = new Set(keywords(text));
  let total = 0;
  for (const word of identifierWords(tool.name)) if (words.has(word)) total += 3;
  for (const word of keywords(tool.description ?? ''))
    if (word.length > 3 && words.has(word)) total += 1;
  return total;
}

function bestTool(tools: FunctionTool[], text: string): FunctionTool | undefined {
  let best: FunctionTool | undefined;
  let bestScore = 1;
  for (const tool of tools) {
    const value = score(tool, text);
    if (value > bestScore) {
      best = tool;
      bestScore = value;
    }
  }
  return best;
}

// Clauses of a request such as "weather in Paris, and the time in Tokyo".
function clauses(text: string): string[] {
  return text.split(/,|;|\band\b|\bthen\b|\balso\b|\bplus\b/i).filter((part) => part.trim() !== '');
}

/** The single string property that names the thing a call is about (a city, a person). */
function subjectProperty(tool: FunctionTool): string | undefined {
  const properties = (tool.parameters?.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.entries(properties)
    .filter(([, schema]) => schema.type === 'string' && !Array.isArray(schema.enum))
    .filter(([name]) =>
      /(city|location|place|town|country|region|name|person|user|symbol|ticker|id)/i.test(name),
    )
    .map(([name]) => name);
  return names.length === 1 ? names[0] : undefined;
}

function callsFor(tool: FunctionTool, text: string, several: boolean): PlannedToolCall[] {
  const schema: JsonSchema = tool.parameters ?? { type: 'object', properties: {} };
  const found = entities(text);
  const subject = subjectProperty(tool);
  if (several && subject !== undefined && found.length > 1) {
    // One call per named thing ("Paris and London"), the way models fan out parallel calls.
    return found.map((entity) => ({
      name: tool.name,
      arguments: JSON.stringify(
        valueForSchema(schema, { text, entities: [entity], name: tool.name }),
      ),
    }));
  }
  return [
    {
      name: tool.name,
      arguments: JSON.stringify(valueForSchema(schema, { text, entities: found, name: tool.name })),
    },
  ];
}

function forcedTool(
  tools: FunctionTool[],
  choice: ToolChoice | undefined,
): FunctionTool | undefined {
  if (typeof choice !== 'object' || choice === null || choice.type !== 'function') return undefined;
  return tools.find((tool) => tool.name === (choice as { name?: string }).name);
}

/**
 * Decides which tools the model calls and with what arguments: a tool the instructions
 * order to call always, a tool whose name or description matches the request (or the
 * one `tool_choice` forces), several calls when the request names several things and
 * `parallel_tool_calls` allows, none when `tool_choice` is `"none"` or nothing matches
 * under `"auto"`. Tools the instructions rule out are not called unless forced.
 *
 * @example
 * planToolCalls({
 *   userText: 'Weather in Paris and London?',
 *   tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object',
 *     properties: { city: { type: 'string' } }, required: ['city'] } }],
 *   toolChoice: 'auto', parallelToolCalls: true, maxToolCalls: null,
 * }); // two get_weather calls: {"city":"Paris"} and {"city":"London"}
 */
export function planToolCalls(input: ToolPlanInput): PlannedToolCall[] {
  const { toolChoice, userText } = input;
  if (input.tools.length === 0 || toolChoice === 'none') return [];
  const several = input.parallelToolCalls;
  const forced = forcedTool(input.tools, toolChoice);
  const directives = toolDirectives(input.instructions ?? '', input.tools);
  const allowed = input.tools.filter((tool) => !directives.never.includes(tool));
  // "required" must call something, so when the instructions rule out every tool it
  // calls one of them anyway, as a real model does.
  const tools = allowed.length > 0 || toolChoice !== 'required' ? allowed : input.tools;
  let calls: PlannedToolCall[] = [];
  if (forced !== undefined) {
    calls = callsFor(forced, userText, several);
  } else {
    let current: FunctionTool | undefined;
    const segments: Array<{ tool: FunctionTool; text: string }> = [];
    for (const clause of clauses(userText)) {
      const match = bestTool(tools, clause);
      if (match !== undefined && match !== current) {
        current = match;
        segments.push({ tool: match, text: clause });
      } else if (current !== undefined) {
        const last = segments[segments.length - 1]!;
        last.text = `${last.text} and${clause}`;
      }
    }
    if (segments.length === 0) {
      const match = bestTool(tools, userText);
      if (match !== undefined) segments.push({ tool: match, text: userText });
    }
    const ordered = directives.always.filter(
      (tool) => !segments.some((segment) => segment.tool === tool),
    );
    calls = [
      ...ordered.flatMap((tool) => callsFor(tool, userText, several)),
      ...segments.flatMap((segment) => callsFor(segment.tool, segment.text, several)),
    ];
    if (calls.length === 0 && toolChoice === 'required') {
      const fallback = [...tools].sort((a, b) => score(b, userText) - score(a, userText))[0]!;
      calls = callsFor(fallback, userText, several);
    }
  }
  const unique = calls.filter(
    (call, index) =>
      calls.findIndex((other) => other.name === call.name && other.arguments === call.arguments) ===
      index,
  );
  const limit = several ? (input.maxToolCalls ?? Number.POSITIVE_INFINITY) : 1;
  return unique.slice(0, Math.max(1, limit));
}

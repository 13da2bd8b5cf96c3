import { keywords } from './prompt-words';
import type { ToolResult } from './read-conversation';
import { hashText, pick, seededRandom } from './seeded-random';

const OPENINGS = [
  'Here is a short answer about {topic}.',
  'Good question about {topic}.',
  'Let me walk you through {topic}.',
  'Sure. Here are the key points on {topic}.',
  'In brief, {topic} comes down to a few ideas.',
];

const SENTENCES = [
  'The main idea behind {a} is to keep things simple and predictable.',
  '{A} works best when {b} is considered from the start.',
  'A practical approach is to start small with {a} and improve it step by step.',
  'Most people find that {a} and {b} go hand in hand.',
  'It helps to measure the result before changing {a}.',
  'A common mistake is to treat {a} as an afterthought.',
  'When in doubt, look at how {b} affects {a} in practice.',
  'Clear goals make {a} much easier to reason about.',
  'Good defaults for {b} save time later on.',
];

const CLOSINGS = [
  'Let me know if you want more detail.',
  'I hope this helps.',
  'Happy to expand on any of these points.',
  'Tell me more about your situation and I can be more specific.',
];

const FILLER = [
  'Each step builds on the previous one and keeps the overall design easy to follow.',
  'Small, well tested pieces make the whole system more reliable over time.',
  'Clear names and short functions help readers understand the intent quickly.',
  'Measuring before optimising avoids spending effort where it does not matter.',
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function topicOf(text: string): string {
  const cleaned = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.?!:]+$/, '');
  const about = cleaned.match(/\b(?:about|on|regarding|for|of)\s+(.{3,80})$/i)?.[1];
  const topic = about ?? cleaned.replace(/^(?:please\s+)?(?:can you\s+|could you\s+)?/i, '');
  const words = topic.split(' ').slice(0, 8).join(' ');
  return words === '' ? 'your question' : words.charAt(0).toLowerCase() + words.slice(1);
}

function arithmetic(text: string): string | undefined {
  const match = text.match(/(-?\d+(?:\.\d+)?)\s*([+\-*x×/])\s*(-?\d+(?:\.\d+)?)/);
  if (match === null) return undefined;
  const left = Number(match[1]);
  const right = Number(match[3]);
  const operator = match[2] as string;
  const results: Record<string, number> = {
    '+': left + right,
    '-': left - right,
    '*': left * right,
    x: left * right,
    '×': left * right,
    '/': left / right,
  };
  const result = results[operator];
  if (result === undefined || !Number.isFinite(result)) return undefined;
  return `${left} ${operator} ${right} = ${Number(result.toFixed(6))}.`;
}

function summarizeOutput(output: string): string {
  try {
    const parsed: unknown = JSON.parse(output);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.entries(parsed)
        .map(
          ([key, value]) =>
            `${key.replace(/_/g, ' ')} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
        )
        .join(', ');
    }
    return typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
  } catch {
    // Tool outputs are free text as often as JSON: quote them as they are.
    return output.trim();
  }
}

function describeCall(result: ToolResult): string {
  try {
    const values = Object.values(JSON.parse(result.arguments || '{}') as Record<string, unknown>);
    const label = values.filter((value) => typeof value !== 'object').join(', ');
    return label === '' ? result.name : `${result.name} (${label})`;
  } catch {
    // Arguments a caller replays are not always valid JSON; the name alone still reads well.
    return result.name;
  }
}

function answerFromTools(results: ToolResult[]): string {
  const lines = results.map(
    (result) => `- ${describeCall(result)}: ${summarizeOutput(result.output)}`,
  );
  return ['Here is what I found:', ...lines, 'Let me know if you need anything else.'].join('\n');
}

function wordsAnswer(count: number, topic: string, random: () => number): string {
  const words: string[] = capitalize(`here is a detailed answer about ${topic}.`).split(' ');
  while (words.length < count) words.push(...pick(FILLER, random).split(' '));
  const text = words.slice(0, count).join(' ');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * The model's text answer: derived from the conversation only, so the same input
 * always gives the same answer. Answers tool results after a round trip, echoes
 * "say …" requests, does small arithmetic, writes about N words when asked for
 * "N words", and otherwise composes a few sentences about the request's topic.
 *
 * @example
 * generateText('What is 2 + 3?', []); // '2 + 3 = 5.'
 */
export function generateText(userText: string, toolResults: ToolResult[]): string {
  if (toolResults.length > 0) return answerFromTools(toolResults);
  const text = userText.trim();
  const random = seededRandom(hashText(text));
  const echo = text.match(
    /^(?:please\s+)?(?:say|reply with|respond with|answer with|repeat)\s*:?\s+["'“]?(.+?)["'”]?[.!]?$/is,
  );
  if (echo?.[1] !== undefined) return echo[1];
  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.,]*$/i.test(text))
    return 'Hello! How can I help you today?';
  const sum = arithmetic(text);
  if (sum !== undefined) return sum;
  const topic = topicOf(text);
  const wordCount = text.match(/\b(\d{2,6})\s+words\b/i)?.[1];
  if (wordCount !== undefined)
    return wordsAnswer(Math.min(Number(wordCount), 100_000), topic, random);
  const terms = keywords(text);
  const a = terms[0] ?? 'the idea';
  const b = terms[1] ?? terms[0] ?? 'the details';
  const sentences = [pick(OPENINGS, random).replace('{topic}', topic)];
  const pool = [...SENTENCES];
  const count = 2 + Math.floor(random() * 3);
  for (let index = 0; index < count; index++) {
    const [sentence] = pool.splice(Math.floor(random() * pool.length), 1);
    sentences.push(
      (sentence as string)
        .replace('{A}', capitalize(a))
        .replace('{a}', a)
        .replace('{b}', b)
        .replace('{a}', a),
    );
  }
  sentences.push(pick(CLOSINGS, random));
  return sentences.join(' ');
}

import type { LanguageModelV4StreamPart } from '@ai-sdk/provider';

const STEP = /^(text|reasoning|tool-input)-(start|delta|end)$/;

/**
 * What breaks the AI SDK's block contract in `parts`: each text, reasoning and tool-input
 * block goes start → deltas → end, deltas only while it is open, no block starts twice,
 * every block ends, and a tool call comes after its input's end. `[]` when all holds.
 */
export function blockOrderProblems(parts: LanguageModelV4StreamPart[]): string[] {
  const problems: string[] = [];
  const open = new Set<string>();
  const ended = new Set<string>();
  for (const [position, part] of parts.entries()) {
    if (part.type === 'tool-call') {
      if (open.has(part.toolCallId))
        problems.push(`#${position} tool-call ${part.toolCallId} before its input ended`);
      continue;
    }
    const match = STEP.exec(part.type);
    if (match === null || !('id' in part)) continue;
    const key = `${match[1]}:${part.id}`;
    switch (match[2]) {
      case 'start':
        if (open.has(key) || ended.has(key)) problems.push(`#${position} ${key} started again`);
        open.add(key);
        break;
      case 'delta':
        if (!open.has(key))
          problems.push(`#${position} ${part.type} for ${key}, which is not open`);
        break;
      case 'end':
        if (!open.delete(key))
          problems.push(`#${position} ${part.type} for ${key}, which is not open`);
        ended.add(key);
        break;
    }
  }
  for (const key of open) problems.push(`${key} never ended`);
  return problems;
}

import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import type { FunctionDefinition, ToolChoice } from '@apifree/core';

/** The call's function definitions and tool choice, and the tools that could not be sent. */
export interface PreparedTools {
  tools: FunctionDefinition[] | undefined;
  toolChoice: ToolChoice | undefined;
  warnings: SharedV4Warning[];
}

/**
 * Converts the AI SDK's function tools and tool choice to core's terms (core turns the
 * definitions into Responses tools). A tool's `strict` flag is passed through as given;
 * provider tools of other providers are dropped with a warning.
 */
export function prepareTools({
  tools,
  toolChoice,
}: Pick<LanguageModelV4CallOptions, 'tools' | 'toolChoice'>): PreparedTools {
  const warnings: SharedV4Warning[] = [];
  if (tools === undefined || tools.length === 0) {
    return { tools: undefined, toolChoice: undefined, warnings };
  }

  const definitions: FunctionDefinition[] = [];
  for (const tool of tools) {
    if (tool.type === 'function') {
      definitions.push({
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema as Record<string, unknown>,
        strict: tool.strict,
      });
    } else {
      warnings.push({
        type: 'unsupported',
        feature: `provider tool ${tool.id}`,
        details: 'APIFree runs function tools only; this tool was not sent.',
      });
    }
  }

  if (definitions.length === 0) return { tools: undefined, toolChoice: undefined, warnings };

  switch (toolChoice?.type) {
    case undefined:
      return { tools: definitions, toolChoice: undefined, warnings };
    case 'auto':
    case 'none':
    case 'required':
      return { tools: definitions, toolChoice: toolChoice.type, warnings };
    case 'tool':
      return {
        tools: definitions,
        toolChoice: { type: 'function', name: toolChoice.toolName },
        warnings,
      };
  }
}

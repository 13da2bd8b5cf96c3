import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider';
import type { FunctionTool, ToolChoice } from '@apifree/core';

/** The request's `tools` and `tool_choice`, and the tools that could not be sent. */
export interface PreparedTools {
  tools: FunctionTool[] | undefined;
  toolChoice: ToolChoice | undefined;
  warnings: SharedV4Warning[];
}

/**
 * Converts the AI SDK's function tools and tool choice to the Responses shape. A
 * tool's `strict` flag is passed through as given; provider tools of other providers
 * are dropped with a warning.
 */
export function prepareTools({
  tools,
  toolChoice,
}: Pick<LanguageModelV4CallOptions, 'tools' | 'toolChoice'>): PreparedTools {
  const warnings: SharedV4Warning[] = [];
  if (tools === undefined || tools.length === 0) {
    return { tools: undefined, toolChoice: undefined, warnings };
  }

  const functionTools: FunctionTool[] = [];
  for (const tool of tools) {
    if (tool.type === 'function') {
      functionTools.push({
        type: 'function',
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.inputSchema as Record<string, unknown>,
        ...(tool.strict !== undefined && { strict: tool.strict }),
      });
    } else {
      warnings.push({
        type: 'unsupported',
        feature: `provider tool ${tool.id}`,
        details: 'APIFree runs function tools only; this tool was not sent.',
      });
    }
  }

  if (functionTools.length === 0) return { tools: undefined, toolChoice: undefined, warnings };

  switch (toolChoice?.type) {
    case undefined:
      return { tools: functionTools, toolChoice: undefined, warnings };
    case 'auto':
    case 'none':
    case 'required':
      return { tools: functionTools, toolChoice: toolChoice.type, warnings };
    case 'tool':
      return {
        tools: functionTools,
        toolChoice: { type: 'function', name: toolChoice.toolName },
        warnings,
      };
  }
}

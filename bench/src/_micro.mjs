import { AIMessageChunk } from '@langchain/core/messages';
import { ChatGenerationChunk } from '@langchain/core/outputs';
const N = 17000;
function a(i){ const m = new AIMessageChunk({ content: [{type:'text',text:'x',index:0}], tool_call_chunks: [], additional_kwargs: {}, response_metadata: {}, usage_metadata: undefined, id: 'resp_1' }); return new ChatGenerationChunk({ text: 'x', message: m }); }
function b(i){ const m = new AIMessageChunk({ content: [{type:'text',text:'x',index:0}], id: 'resp_1' }); return new ChatGenerationChunk({ text: 'x', message: m }); }
for (const [name, f] of [['full', a], ['min', b], ['full', a], ['min', b]]) {
  const t = performance.now(); let acc; for (let i = 0; i < N; i++) { const c = f(i); acc = acc ? acc.concat(c) : c; }
  console.log(name, (performance.now() - t).toFixed(1));
}

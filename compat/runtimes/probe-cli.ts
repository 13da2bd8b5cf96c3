// `<runtime> probe-cli.ts <baseURL> <apiKey>` runs every check and prints the result as
// one JSON line (Node, Bun and Deno).
import { checkCore } from './check-core.ts';
import { checkLangchain } from './check-langchain.ts';
import { checkStreamText } from './check-stream-text.ts';
import { probe } from './probe.ts';

declare const Deno: { args: string[] } | undefined;
const args = typeof Deno === 'undefined' ? process.argv.slice(2) : Deno.args;
const [baseURL = '', apiKey = ''] = args;
const checks = { core: checkCore, streamText: checkStreamText, langchain: checkLangchain };
console.log(JSON.stringify(await probe(checks, { baseURL, apiKey })));

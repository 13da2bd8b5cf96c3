import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { FIXTURES_DIR, frameChunks } from './support/fixtures';
import { sendJSON, sendSSE, startTestServer } from './support/test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    replayBaseURL: string;
  }
}

/**
 * Starts, in Node, the loopback server the edge-runtime tests talk to: `/<folder>/<file>/v1/responses`
 * replays a recording; `/status/<code>/v1/responses` answers with that error status.
 */
export default async function setup(project: TestProject) {
  const server = await startTestServer((request, response) => {
    const [, folder, name] = request.url.split('/');
    if (folder === 'status') {
      sendJSON(response, Number(name), {
        error: {
          message: `status ${name}`,
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
      return;
    }
    const file = readFileSync(join(FIXTURES_DIR, folder!, decodeURIComponent(name!)), 'utf8');
    sendSSE(response, folder === 'chunks' ? frameChunks(file) : file, 1024);
  });
  project.provide('replayBaseURL', server.baseURL.replace(/\/v1$/, ''));
  return () => server.close();
}

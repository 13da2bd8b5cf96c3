/** A header mistake: what it is, the headers option that makes it, and core's exact answer. */
export type BadHeader = [what: string, headers: Record<string, string>, message: string];

const LINE_BREAK =
  'The header "x-note" has a line break or NUL in its value; HTTP header values must be one line.';

/** Header values and names no HTTP request can carry. */
export const MALFORMED_HEADERS: BadHeader[] = [
  ['a value with CR/LF', { 'x-note': 'a\r\nx-injected: 1' }, LINE_BREAK],
  ['a value with a lone LF', { 'x-note': 'a\nb' }, LINE_BREAK],
  [
    'a value beyond Latin-1',
    { 'x-note': 'café ☕' },
    'The header "x-note" has a character HTTP header values cannot carry (control characters, or beyond Latin-1 such as emoji); encode the value, e.g. with encodeURIComponent.',
  ],
  [
    'a bad name',
    { 'x note': 'v' },
    'The header name "x note" is not a valid HTTP header name (letters, digits and !#$%&\'*+-.^_`|~ only).',
  ],
];

/** A header the client sets itself, given by the caller: refused, saying why. */
export function forbiddenHeader(name: string, value: string, reason: string): BadHeader {
  return [
    `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name} header`,
    { [name]: value },
    `The header "${name}" cannot be set: ${reason}. Remove it from the headers option.`,
  ];
}

export const SET_FROM_BODY = 'it is set from the body';
export const SET_FROM_KEY = 'it is set from the API key (the apiKey option)';
export const SET_FROM_BASE_URL = 'it is set from baseURL';

/**
 * The header mistakes the adapters' tables feed through each framework: core refuses them,
 * and the adapter must pass core's answer on unchanged.
 */
export const ADAPTER_BAD_HEADERS: BadHeader[] = [
  ...MALFORMED_HEADERS.filter(([what]) => what !== 'a value with a lone LF'),
  forbiddenHeader('content-length', '5', SET_FROM_BODY),
  forbiddenHeader('authorization', 'Bearer sk-other', SET_FROM_KEY),
  forbiddenHeader('host', 'example.com', SET_FROM_BASE_URL),
];

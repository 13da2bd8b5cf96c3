/** An HTTP error the simulator answers with: status, extra headers and the `{error}` body. */
export interface ApiError {
  status: number;
  headers?: Record<string, string>;
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** Builds an `invalid_request_error` (HTTP 400 unless told otherwise). */
export function invalidRequest(
  message: string,
  param: string | null,
  code: string | null,
  status = 400,
): ApiError {
  return { status, error: { message, type: 'invalid_request_error', param, code } };
}

/** `Missing required parameter: '<param>'.` */
export function missingParameter(param: string): ApiError {
  return invalidRequest(
    `Missing required parameter: '${param}'.`,
    param,
    'missing_required_parameter',
  );
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'string') return 'a string';
  return `a ${typeof value}`;
}

/** `Invalid type for '<param>': expected <expected>, but got <actual> instead.` */
export function invalidType(param: string, expected: string, value: unknown): ApiError {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${describeType(value)} instead.`,
    param,
    'invalid_type',
  );
}

/** `Invalid value: '<value>'. Supported values are: …` */
export function invalidValue(
  param: string,
  value: unknown,
  supported: readonly string[],
): ApiError {
  const list = supported.map((option) => `'${option}'`);
  const joined =
    list.length > 1 ? `${list.slice(0, -1).join(', ')}, and ${list.at(-1)}` : list.join('');
  return invalidRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${joined}.`,
    param,
    'invalid_value',
  );
}

/** Masks an API key for messages: the first and last four characters at most. */
export function maskApiKey(key: string): string {
  return key.length >= 12
    ? `${key.slice(0, 4)}${'*'.repeat(Math.min(key.length - 8, 20))}${key.slice(-4)}`
    : '****';
}

/** 401 for a missing or wrong API key; the key itself never appears. */
export function invalidApiKey(key: string | undefined): ApiError {
  const message =
    key === undefined
      ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
      : `Incorrect API key provided: ${maskApiKey(key)}. You can find your API key in your APIFree dashboard.`;
  return invalidRequest(message, null, 'invalid_api_key', 401);
}

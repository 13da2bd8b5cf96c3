import type { FaultSpec } from '../faults';
import type { ApiError } from './api-error';

const HTTP_FAULTS: Partial<Record<FaultSpec['name'], (fault: FaultSpec) => ApiError>> = {
  rate_limit: (fault) => {
    const ms = fault.retryAfterMs ?? 1000;
    return {
      status: 429,
      headers: {
        'retry-after': String(Math.max(1, Math.ceil(ms / 1000))),
        'retry-after-ms': String(ms),
        'x-ratelimit-limit-requests': '60',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${ms}ms`,
      },
      error: {
        message: `Rate limit reached for requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${ms}ms.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    };
  },
  insufficient_quota: () => ({
    status: 429,
    error: {
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'insufficient_quota',
      param: null,
      code: 'insufficient_quota',
    },
  }),
  server_error: () => ({
    status: 500,
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: 'server_error',
    },
  }),
  bad_gateway: () => ({
    status: 502,
    error: {
      message: 'Bad gateway: the upstream model service failed.',
      type: 'server_error',
      param: null,
      code: 'bad_gateway',
    },
  }),
  unavailable: () => ({
    status: 503,
    error: {
      message: 'The service is currently overloaded, please try again later.',
      type: 'server_error',
      param: null,
      code: 'service_unavailable',
    },
  }),
};

/**
 * The HTTP error a fault answers with (429, 500, 502, 503), or `undefined` for faults
 * that strike the body instead.
 *
 * @example
 * httpFaultError({ name: 'rate_limit', retryAfterMs: 200 })?.status; // 429
 */
export function httpFaultError(fault: FaultSpec): ApiError | undefined {
  return HTTP_FAULTS[fault.name]?.(fault);
}

import type { JsonSchema } from './schema-value';

interface Bound {
  value: number;
  exclusive: boolean;
}

// Division in binary floating point lands just beside whole numbers (0.3 / 0.1 =
// 2.9999999999999996); this much slack keeps such a quotient on its multiple.
const SLACK = 1e-9;
// How far inside an exclusive bound a number goes when nothing else decides.
const DEFAULT_GAP = 0.5;
// A multipleOf such as 1.5 allows the whole numbers 3, 6, …; past this factor an integer
// field gives up on the multiple.
const MAX_FACTOR = 1000;

// Written as a person would: 3 × 0.1 is 0.3, not 0.30000000000000004, and never -0.
function tidy(value: number): number {
  return Number.parseFloat(value.toPrecision(12)) + 0;
}

// Draft 4 marks a bound exclusive with `exclusiveMinimum: true`; later drafts name the
// bound itself. The tighter bound wins when a schema gives both.
function lowerBound(schema: JsonSchema): Bound | undefined {
  const minimum = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusive = schema.exclusiveMinimum;
  if (typeof exclusive === 'number' && (minimum === undefined || exclusive >= minimum))
    return { value: exclusive, exclusive: true };
  if (minimum === undefined) return undefined;
  return { value: minimum, exclusive: exclusive === true };
}

function upperBound(schema: JsonSchema): Bound | undefined {
  const maximum = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const exclusive = schema.exclusiveMaximum;
  if (typeof exclusive === 'number' && (maximum === undefined || exclusive <= maximum))
    return { value: exclusive, exclusive: true };
  if (maximum === undefined) return undefined;
  return { value: maximum, exclusive: exclusive === true };
}

// The smallest whole multiple of `multipleOf`: 1.5 → 3.
function wholeStep(multipleOf: number): number | undefined {
  for (let factor = 1; factor <= MAX_FACTOR; factor++) {
    const candidate = tidy(multipleOf * factor);
    if (Number.isInteger(candidate)) return candidate;
  }
  return undefined;
}

// The multiple of `step` at or above `value`, moved inside the bounds; `undefined` when
// no multiple lies between them.
function onGrid(
  value: number,
  step: number,
  lower: Bound | undefined,
  upper: Bound | undefined,
): number | undefined {
  const lowest =
    lower === undefined
      ? Number.NEGATIVE_INFINITY
      : lower.exclusive
        ? Math.floor(lower.value / step + SLACK) + 1
        : Math.ceil(lower.value / step - SLACK);
  const highest =
    upper === undefined
      ? Number.POSITIVE_INFINITY
      : upper.exclusive
        ? Math.ceil(upper.value / step - SLACK) - 1
        : Math.floor(upper.value / step + SLACK);
  if (lowest > highest) return undefined;
  const wanted = Math.ceil(value / step - SLACK);
  return tidy(Math.min(highest, Math.max(lowest, wanted)) * step);
}

// `value` moved inside the bounds, for numbers that need not be multiples of anything;
// `undefined` when no number lies between them.
function inRange(value: number, lower: Bound | undefined, upper: Bound | undefined) {
  if (lower !== undefined && upper !== undefined) {
    if (lower.value > upper.value) return undefined;
    if (lower.value === upper.value && (lower.exclusive || upper.exclusive)) return undefined;
  }
  const gap =
    lower !== undefined && upper !== undefined
      ? Math.min(DEFAULT_GAP, (upper.value - lower.value) / 2)
      : DEFAULT_GAP;
  let result = value;
  if (lower !== undefined && (result < lower.value || (lower.exclusive && result <= lower.value)))
    result = lower.exclusive ? lower.value + gap : lower.value;
  if (upper !== undefined && (result > upper.value || (upper.exclusive && result >= upper.value)))
    result = upper.exclusive ? upper.value - gap : upper.value;
  return tidy(result);
}

/**
 * Fits a number to a schema's `minimum`, `maximum`, their exclusive forms and
 * `multipleOf`, all at once: the multiple at or above `value`, moved to the nearest
 * multiple inside the bounds. When no multiple lies between the bounds, the bounds win
 * and `multipleOf` gives way; when no number at all does (`minimum` above `maximum`), the
 * upper bound wins. An integer field stays whole throughout.
 *
 * @example
 * fitNumber(14, { multipleOf: 5, maximum: 12 }, true); // 10
 * fitNumber(0.99, { multipleOf: 0.25, exclusiveMaximum: 1 }, false); // 0.75
 */
export function fitNumber(value: number, schema: JsonSchema, integer: boolean): number {
  const lower = lowerBound(schema);
  const upper = upperBound(schema);
  const multipleOf =
    typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : undefined;
  const steps = integer
    ? [multipleOf === undefined ? undefined : wholeStep(multipleOf), 1]
    : [multipleOf];
  for (const step of steps) {
    if (step === undefined) continue;
    const fitted = onGrid(value, step, lower, upper);
    if (fitted !== undefined) return fitted;
  }
  if (!integer) {
    const ranged = inRange(value, lower, upper);
    if (ranged !== undefined) return ranged;
  }
  // Only bounds that leave no room (`minimum` above `maximum`) get here, and those have
  // an upper bound.
  const { value: limit, exclusive } = upper!;
  if (integer) return exclusive ? Math.ceil(limit) - 1 : Math.floor(limit);
  return exclusive ? tidy(limit - DEFAULT_GAP) : limit;
}

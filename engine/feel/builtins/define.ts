/**
 * How our built-ins are handed to feelin: a plain function carrying `$args`, the parameter names feelin binds
 * named arguments to (`get or else(value: x, default: 1)`). A name starting with `...` collects the rest.
 */
export type BuiltinFunction = ((...args: never[]) => unknown) & { $args: string[] };

export function defineBuiltin<F extends (...args: never[]) => unknown>(parameterNames: string[], fn: F): F & { $args: string[] } {
  return Object.assign(fn, { $args: parameterNames });
}

export function isText(value: unknown): value is string {
  return typeof value === 'string';
}

export function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** A FEEL context as feelin represents it: a plain object (not a list, not one of feelin's value classes). */
export function isContext(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

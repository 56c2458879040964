/** A piece of SQL with its positional parameters, composed with the `sql` template tag. */
export interface Fragment {
  readonly text: string;
  readonly params: readonly unknown[];
}

export function isFragment(value: unknown): value is Fragment {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}

/** Interpolated fragments are inlined; any other interpolated value becomes a `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  let text = strings[0]!;
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isFragment(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1]!;
  });
  return { text, params };
}

/** Trusted SQL text (identifiers and literals we built ourselves), inlined as is. */
export function raw(text: string): Fragment {
  return { text, params: [] };
}

export function join(fragments: Fragment[], separator: string): Fragment {
  return {
    text: fragments.map((f) => f.text).join(separator),
    params: fragments.flatMap((f) => f.params),
  };
}

export const TRUE = raw('1');
export const FALSE = raw('0');

/** A UTF-16 surrogate without its other half. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why PostgreSQL cannot store `text` as sent, or undefined when it can: a NUL character (text
 * columns refuse it, so the query fails), or an unpaired surrogate (not encodable as UTF-8: the
 * driver would store U+FFFD, so two different values could be saved as the same one).
 */
export function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'is not valid Unicode (an unpaired surrogate)';
  return undefined;
}

export interface UnstorableField {
  path: Array<string | number>;
  message: string;
}

/** Every string (and object key) in a parsed JSON value that cannot be stored, with where it is. */
export function unstorableFields(value: unknown): UnstorableField[] {
  const found: UnstorableField[] = [];
  // Iterative, so no nesting depth can overflow the stack.
  const pending: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const reason = unstorable(item);
      if (reason) found.push({ path, message: `${describe(path)} ${reason}, which cannot be stored.` });
    } else if (Array.isArray(item)) {
      for (const [i, element] of item.entries()) pending.push({ value: element, path: [...path, i] });
    } else if (item && typeof item === 'object') {
      for (const [key, element] of Object.entries(item)) {
        const reason = unstorable(key);
        if (reason) found.push({ path, message: `A field name in ${describe(path)} ${reason}.` });
        pending.push({ value: element, path: [...path, key] });
      }
    }
  }
  return found;
}

const describe = (path: Array<string | number>) => (path.length ? path.join('.') : 'The body');

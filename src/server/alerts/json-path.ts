// The JSONPath subset a generic source's field mapping is written in:
//   $.rule.name   rule.name   $.items[0].ip   $.entities[*].address   $.tags.*   $['kibana.alert.rule.name']
// Quoted keys may contain dots. Only own properties are read, so "__proto__" or "constructor" in a
// path can never reach Object.prototype.

type Step = { key: string } | { index: number } | { wildcard: true };

/** Splits a path into steps; throws an Error saying what is wrong with it. */
export function compilePath(path: string): Step[] {
  const steps: Step[] = [];
  let rest = path.trim();
  if (rest.startsWith("$")) rest = rest.slice(1);
  else if (rest && !rest.startsWith(".") && !rest.startsWith("[")) rest = `.${rest}`;
  while (rest) {
    let m: RegExpExecArray | null;
    if ((m = /^\.\*|^\[\*\]/.exec(rest))) steps.push({ wildcard: true });
    else if ((m = /^\.([^.[\]'"]+)/.exec(rest))) steps.push({ key: m[1]! });
    else if ((m = /^\[(\d+)\]/.exec(rest))) steps.push({ index: Number(m[1]) });
    else if ((m = /^\[(["'])((?:(?!\1).)*)\1\]/.exec(rest))) steps.push({ key: m[2]! });
    else throw new Error(`cannot read "${rest.slice(0, 30)}" in path "${path}"`);
    rest = rest.slice(m[0].length);
  }
  if (steps.length === 0) throw new Error(`path "${path}" selects nothing; write e.g. $.rule.name`);
  return steps;
}

/** Why a path is invalid, or null when it is fine. */
export function pathError(path: string): string | null {
  try {
    compilePath(path);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

const own = (v: object, k: string) => Object.prototype.hasOwnProperty.call(v, k);

/** Every value the path reaches (wildcards fan out; array values at the end are flattened one level). */
export function selectAll(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of compilePath(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== "object") continue;
      if ("wildcard" in step) next.push(...(Array.isArray(v) ? v : Object.keys(v).map((k) => (v as Record<string, unknown>)[k])));
      else if ("index" in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if ((!Array.isArray(v) || /^\d+$/.test(step.key)) && own(v, step.key)) next.push((v as Record<string, unknown>)[step.key]);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null && v !== "");
}

/** The first non-empty value any of the paths reaches. */
export function selectFirst(value: unknown, paths: readonly string[]): unknown {
  for (const p of paths) {
    const hit = selectAll(value, p)[0];
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** A query string read the way Telnyx's deepObject parameters are written: `filter[created_at][gte]=…`. */
export type QueryTree = { [key: string]: string | QueryTree };

/**
 * `filter[record_type]=messaging&filter[created_at][gte]=x&sort=created_at` →
 * `{ filter: { record_type: 'messaging', created_at: { gte: 'x' } }, sort: 'created_at' }`.
 * A key given twice keeps its first value; a key that is both a value and a branch keeps the first seen.
 */
export function parseQuery(params: URLSearchParams): QueryTree {
  const tree: QueryTree = {};
  for (const [rawKey, value] of params) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) continue;
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!)];
    let node: QueryTree = tree;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const existing = node[key];
      if (i === path.length - 1) {
        if (existing === undefined) node[key] = value;
        break;
      }
      if (typeof existing === 'string') break;
      const child: QueryTree = existing ?? {};
      node[key] = child;
      node = child;
    }
  }
  return tree;
}

/** The branch at `key`, or an empty one when it is missing or a plain value. */
export function branch(tree: QueryTree, key: string): QueryTree {
  const value = tree[key];
  return typeof value === 'object' ? value : {};
}

/** The plain value at `key`, or undefined when it is missing or a branch. */
export function leaf(tree: QueryTree, key: string): string | undefined {
  const value = tree[key];
  return typeof value === 'string' ? value : undefined;
}

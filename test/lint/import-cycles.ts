// `npm run lint`: fails on any runtime import cycle among the `.ts` and `.svelte` files reachable from the three entries.
// dpdm cannot read `.svelte` files, so this walks them itself: TypeScript's module resolution, imports read from each
// file's `<script>` blocks; type-only imports are skipped (they vanish at build time), dynamic `import()` counts.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '../..');
const entries = ['src-main/index.ts', 'src-preload/index.ts', 'src-renderer/src/main.ts', 'src-main/cli/main.ts'];
const options: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowArbitraryExtensions: true,
  resolveJsonModule: true,
};

/** The script text of a file: the whole of a `.ts` file, the `<script>` blocks of a `.svelte` one. */
function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (!file.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

/** Module specifiers a file loads at run time (static imports and re-exports that are not type-only, dynamic imports). */
export function runtimeSpecifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Resolves a specifier to one of our source files (`.ts`/`.svelte` outside node_modules), or undefined. */
function resolveLocal(specifier: string, from: string): string | undefined {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
  if (specifier.endsWith('.svelte')) {
    const direct = resolve(from, '..', specifier);
    if (existsSync(direct)) return direct;
  }
  const resolved = ts.resolveModuleName(specifier, from, options, ts.sys).resolvedModule?.resolvedFileName;
  if (!resolved || resolved.includes('/node_modules/') || resolved.endsWith('.d.ts') || resolved.endsWith('.json')) return undefined;
  return resolved;
}

/** The runtime import graph from the entries: file → the local files it imports. */
export function importGraph(entryFiles: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [...entryFiles];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const targets = runtimeSpecifiers(file, scriptOf(file))
      .map((s) => resolveLocal(s, file))
      .filter((t): t is string => t !== undefined);
    graph.set(file, targets);
    queue.push(...targets);
  }
  return graph;
}

/** Every cycle's files, one list per strongly connected component with more than one file (or a file importing itself). */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) connect(v);
  return cycles;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const graph = importGraph(entries.map((e) => resolve(root, e)));
  const cycles = cyclesOf(graph);
  for (const cycle of cycles) {
    console.error(
      `import cycle among:\n${cycle
        .map(
          (f) =>
            `  ${relative(root, f)} → ${graph
              .get(f)!
              .filter((t) => cycle.includes(t))
              .map((t) => relative(root, t))
              .join(', ')}`,
        )
        .join('\n')}`,
    );
  }
  if (cycles.length > 0) process.exit(1);
  console.log(`import-cycles: ${graph.size} files, no cycle`);
}

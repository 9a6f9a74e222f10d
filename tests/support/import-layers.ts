/**
 * @module tests/support/import-layers
 * The layering the code keeps (docs/ARCHITECTURE.md), as data, and a checker that reads every import of the
 * source folders with the TypeScript parser. `core/` is shared and depends on nothing of ours; `ingest/`
 * (builds an index) and `server/` (serves one) each depend on `core/` only, never on each other; `bin/`
 * (process entries) wires them together. The page and the client library reach outside their folder for
 * types only, so that nothing of the server is bundled into them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Layer {
  /** Folder, relative to the repository root, with a trailing slash. */
  folder: string;
  /** Folders its modules may import values from (itself included). */
  mayImport: string[];
  /** Folders it may import types from, in addition. */
  mayImportTypes?: string[];
}

export const LAYERS: Layer[] = [
  { folder: 'core/', mayImport: ['core/'] },
  { folder: 'ingest/', mayImport: ['ingest/', 'core/'] },
  { folder: 'server/', mayImport: ['server/', 'core/'] },
  { folder: 'bin/', mayImport: ['bin/', 'server/', 'ingest/', 'core/'] },
  { folder: 'web/src/', mayImport: ['web/src/'], mayImportTypes: ['core/', 'server/'] },
  { folder: 'client/', mayImport: ['client/'], mayImportTypes: ['core/', 'server/'] },
];

export interface ImportEdge {
  /** Importing file, relative to the root. */
  from: string;
  /** Imported file, relative to the root (as written, resolved against the importer's folder). */
  to: string;
  typeOnly: boolean;
}

/** The relative imports of one source text: import/export declarations and `import()` calls. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    if (!spec.startsWith('.')) return; // packages and node: builtins
    edges.push({ from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)), typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** The imports that break the layering, as "from → to" lines naming the rule. */
export function layerViolations(edges: ImportEdge[], layers: Layer[] = LAYERS): string[] {
  const layerOf = (file: string) => layers.find((l) => file.startsWith(l.folder));
  const problems: string[] = [];
  for (const edge of edges) {
    const from = layerOf(edge.from);
    if (!from) continue;
    const allowed = [...from.mayImport, ...(edge.typeOnly ? (from.mayImportTypes ?? []) : [])];
    if (!allowed.some((folder) => edge.to.startsWith(folder))) {
      problems.push(
        `${edge.from} imports ${edge.typeOnly ? 'types from ' : ''}${edge.to}: ${from.folder} may import only from ${allowed.join(', ')}`,
      );
    }
  }
  return problems;
}

/** Every .ts file under the layers' folders, relative to `root`. */
export function sourceFiles(root: string, layers: Layer[] = LAYERS): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(root, dir));
    } catch {
      return;
    }
    for (const name of names) {
      const rel = `${dir}${name}`;
      if (statSync(path.join(root, rel)).isDirectory()) walk(`${rel}/`);
      else if (/\.m?ts$/.test(name)) files.push(rel);
    }
  };
  for (const layer of layers) walk(layer.folder);
  return files;
}

export function repositoryImports(root: string): ImportEdge[] {
  return sourceFiles(root).flatMap((file) => importsOf(file, readFileSync(path.join(root, file), 'utf8')));
}

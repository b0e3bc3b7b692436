// Rewrites a copy of the compiled CLI so every function announces itself when it is entered:
// `globalThis.__trip?.("<file>", "<name>")` as the first statement of each function body. The copy
// runs exactly as the original does; a recorder loaded with `node --import` collects the calls.
// Each module's top-level code is bracketed by `globalThis.__tripLoading` up and down, so calls made
// while a module loads are told apart from the trip's own, for modules loaded late (`await import`)
// as for those loaded at start.
import ts from 'typescript';

/** A readable name for a function node: its own name, or the variable, property or method it is bound to. */
function nameOf(node: ts.Node): string {
  const own = (node as { name?: ts.Node }).name;
  if (own !== undefined && (ts.isIdentifier(own) || ts.isPrivateIdentifier(own) || ts.isStringLiteral(own))) return own.text;
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (ts.isCallExpression(parent)) return `cb(${parent.expression.getText().replace(/\s+/g, ' ').slice(0, 30)})`;
  return 'anon';
}

/** The enclosing named function, so a method or callback reads `outer>inner`. */
function qualifiedName(node: ts.Node): string {
  const names = [nameOf(node)];
  for (let p = node.parent; p !== undefined; p = p.parent) {
    if (ts.isClassDeclaration(p) && p.name !== undefined) { names.unshift(p.name.text); break; }
    if (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isArrowFunction(p) || ts.isMethodDeclaration(p)) {
      const n = nameOf(p);
      if (n !== 'anon' && !n.startsWith('cb(')) { names.unshift(n); break; }
    }
  }
  return names.join('>');
}

/**
 * The instrumented text of one compiled module; `file` is its path relative to the build root. The
 * `entry` module's top-level code is the trip itself, so it is not bracketed as loading.
 */
export function instrument(source: string, file: string, entry = false): string {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const edits: { at: number; text: string }[] = [];
  const call = (node: ts.Node) => `globalThis.__trip?.(${JSON.stringify(file)}, ${JSON.stringify(qualifiedName(node))})`;
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) {
      const body = (node as { body?: ts.Node }).body;
      if (body !== undefined && ts.isBlock(body)) edits.push({ at: body.getStart(sf) + 1, text: `${call(node)};` });
      else if (body !== undefined) {
        edits.push({ at: body.getStart(sf), text: `(${call(node)}, (` });
        edits.push({ at: body.getEnd(), text: '))' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const topAwait = sf.statements.some(function awaits(n: ts.Node): boolean {
    if (ts.isFunctionLike(n)) return false;
    return ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier !== undefined) || ts.forEachChild(n, awaits) === true;
  });
  // A module with top-level await is an entry point of its own (a worker's main): its top-level code
  // is work, and bracketing it would also hide whatever runs while it awaits.
  if (!entry && !topAwait) {
    const start = source.startsWith('#!') ? source.indexOf('\n') + 1 : 0;
    edits.push({ at: start, text: 'globalThis.__tripLoading = (globalThis.__tripLoading ?? 0) + 1;\n' });
    edits.push({ at: source.length, text: '\nglobalThis.__tripLoading--;\n' });
  }
  edits.sort((a, b) => b.at - a.at);
  let out = source;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

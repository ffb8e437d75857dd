// `npx tsx scripts/long-functions.ts [limit] [dir]`: lists the functions in src/ longer than `limit`
// lines (default 80, counted as eslint's max-lines-per-function counts them: blank lines and comments
// skipped) with the reason written at their top, if any. A function over the limit keeps a comment
// starting `Long because` (or `Length:`) as its first leading comment, or is split by concept.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const limit = Number(process.argv[2] ?? 80);
const root = process.argv[3] ?? 'src';

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

/** Lines of `text` that hold code: not blank, not only a comment. */
function codeLines(node: ts.Node, sf: ts.SourceFile): number {
  const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
  const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
  const comments = new Set<number>();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, sf.text);
  scanner.setTextPos(node.getStart(sf));
  const codeOn = new Set<number>();
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken && scanner.getTokenPos() < node.getEnd(); kind = scanner.scan()) {
    const from = sf.getLineAndCharacterOfPosition(scanner.getTokenPos()).line;
    const to = sf.getLineAndCharacterOfPosition(scanner.getTextPos()).line;
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia) {
      for (let l = from; l <= to; l++) comments.add(l);
    } else if (kind !== ts.SyntaxKind.WhitespaceTrivia && kind !== ts.SyntaxKind.NewLineTrivia) {
      for (let l = from; l <= to; l++) codeOn.add(l);
    }
  }
  let n = 0;
  for (let l = start; l <= end; l++) if (codeOn.has(l)) n++;
  return n;
}

function nameOf(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (named.name) return named.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return nameOf(parent);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

function reasonOf(node: ts.Node, sf: ts.SourceFile): string | undefined {
  const holder = ts.isFunctionExpression(node) || ts.isArrowFunction(node) ? (node.parent.parent ?? node.parent) : node;
  const texts = [holder, node].flatMap((n) => (ts.getLeadingCommentRanges(sf.text, n.getFullStart()) ?? []).map((r) => sf.text.slice(r.pos, r.end)));
  const body = (node as ts.FunctionLikeDeclaration).body;
  if (body && ts.isBlock(body)) {
    const first = body.statements[0];
    if (first) texts.push(...(ts.getLeadingCommentRanges(sf.text, first.getFullStart()) ?? []).map((r) => sf.text.slice(r.pos, r.end)));
  }
  return texts.find((t) => /Long because|Length:/.test(t));
}

let count = 0;
for (const file of sourceFiles(root)) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const lines = codeLines(node, sf);
      if (lines > limit) {
        count++;
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const reason = reasonOf(node, sf);
        console.log(`${relative('.', file)}:${line}\t${nameOf(node)}\t${lines} lines${reason ? '\t(reason given)' : ''}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
console.log(`${count} function(s) over ${limit} lines`);

// Finds user-facing text outside the message catalogues (src/i18n): string literals that read like words
// for a person, in the code that talks to the agent, and words in the card templates. Developer-facing
// text is not reported: errors thrown, log lines, assertions, imports, types, and literals compared
// against (ids, enum values, card element types).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface Stray {
  file: string;
  line: number;
  text: string;
}

/** Letters that make a word, in any script. */
const word = /\p{L}{2,}/u;

/**
 * Whether a literal's text (placeholders of a template removed) reads as words for a person: a word and a
 * space ("Buy now", "Line ${n}:"), or a capitalised word ("Shared", "Monthly"). Identifiers written in
 * camelCase, kebab-case or with dots are not words for a person ("pickItem", "Input.Text", "one_time").
 */
export function readsAsText(text: string): boolean {
  const t = text.trim();
  if (!word.test(t)) return false;
  if (/^[\w.:/#-]+$/.test(t) && !/^[A-Z][a-z]+$/.test(t)) return false; // an identifier, a path, an id
  if (/^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)+$/.test(t)) return false; // PascalCase: a type name ("TextBlock")
  return /\s/.test(t) || /^\p{Lu}\p{Ll}/u.test(t);
}

/** Calls whose arguments are for developers, not agents: logs, assertions, HTTP headers, validation messages of schemas. */
const developerCalls =
  /^(?:console\.\w+|(?:this\.|options\.|opts\.)?log|logger\.\w+|debug|assert(?:\.\w+)?|require|describe|it|before|after|beforeEach|afterEach|Symbol|z\.\w+|\w+\.(?:log|debug|warn|error|info|trace|header|setHeader|writeHead)|[\w.()[\]]*\.(?:regex|refine|superRefine|describe))$/s;

/** Texts that are not words for a person: URLs, MIME types, SQL, HTML and script sources, header values. */
export function isNotProse(text: string): boolean {
  const t = text.trim();
  return (
    /^https?:\/\//.test(t) ||
    /^[a-z]+\/[\w.+-]+(?:;.*)?$/.test(t) ||
    /^(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|WITH|PRAGMA)\b/i.test(t) ||
    /^<|^\(function\b|'use strict'|'self'/.test(t)
  );
}

/**
 * The value of a JSON API error (`{ error: '...' }`, `{ code, message }`), of an internal `reason` or of an
 * HTTP header: for the client's developer, the logs or the browser, not the agent.
 */
function isApiErrorValue(node: ts.Node): boolean {
  let value: ts.Node = node;
  // `{ error: unauthorized ? 'Unauthorized.' : 'Try again.' }`: the literal is one branch of the value.
  while (ts.isConditionalExpression(value.parent) || ts.isParenthesizedExpression(value.parent) || ts.isBinaryExpression(value.parent)) value = value.parent;
  const property = value.parent;
  if (!ts.isPropertyAssignment(property) || property.initializer !== value) return false;
  const name = property.name.getText().replace(/['"]/g, '');
  if (name === 'error' || name === 'reason') return true;
  if (/^[a-z]+(?:-[a-z]+)+$/.test(name)) return true; // an HTTP header: 'cache-control', 'content-type'
  if (name !== 'message' || !ts.isObjectLiteralExpression(property.parent)) return false;
  const keys = property.parent.properties.map((p) => p.name?.getText().replace(/['"]/g, ''));
  return keys.includes('code') && !keys.includes('ok');
}

function isDeveloperContext(node: ts.Node): boolean {
  if (isApiErrorValue(node)) return true;
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isThrowStatement(at)) return true;
    if (ts.isNewExpression(at) && /Error$/.test(at.expression.getText())) return true;
    if (ts.isCallExpression(at) && at.expression.kind === ts.SyntaxKind.SuperKeyword) return true;
    if (ts.isCallExpression(at) && developerCalls.test(at.expression.getText())) return true;
    if (ts.isTypeNode(at)) return true;
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isImportTypeNode(at)) return true;
  }
  return false;
}

/** A literal that is matched against rather than shown: `x === 'TextBlock'`, `case 'buy':`, a property name. */
function isComparedOrKey(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return true;
    if (op === ts.SyntaxKind.InKeyword) return true;
  }
  if (ts.isCaseClause(parent)) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  return false;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return undefined;
}

/** The stray texts of one TypeScript source. */
export function strayInSource(file: string, source: string): Stray[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Stray[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined) {
      if (readsAsText(text) && !isNotProse(text) && !isComparedOrKey(node) && !isDeveloperContext(node)) {
        found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.getText() });
      }
      if (ts.isTemplateExpression(node)) node.templateSpans.forEach((s) => visit(s.expression));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The keys of an Adaptive Card whose strings a person reads. */
const cardTextKeys = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText', 'fallbackText', 'speak']);

/** The stray texts of one card template: any letter left once its `${...}` bindings are removed. */
export function strayInTemplate(file: string, json: unknown): Stray[] {
  const found: Stray[] = [];
  const words = (s: string) => /\p{L}/u.test(s.replace(/\$\{[^}]*\}/g, ''));
  const visit = (node: unknown, key: string | undefined, inFacts: boolean): void => {
    if (typeof node === 'string') {
      if ((key !== undefined && cardTextKeys.has(key)) || (inFacts && key === 'value')) {
        if (words(node)) found.push({ file, line: 0, text: node });
      }
      return;
    }
    if (Array.isArray(node)) return node.forEach((child) => visit(child, key, inFacts));
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) visit(v, k, k === 'facts' || (inFacts && Array.isArray(v) === false && key === 'facts'));
    }
  };
  visit(json, undefined, false);
  return found;
}

/** Every .ts file under `dir` (relative to the project root), recursively. */
export function sourcesUnder(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourcesUnder(root, path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

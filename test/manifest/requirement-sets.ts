/**
 * Which Office.js members the add-in's code reaches, and which ExcelApi requirement set each
 * needs, read with the TypeScript compiler API from the `[Api set: ExcelApi 1.x]` remarks of
 * @types/office-js. A member above the manifest's minimum must sit behind a capability check on
 * the same path; `analyze` lists those that do not.
 *
 * What is a member use: a property access or call whose declaration is in @types/office-js
 * (overloads: the resolved signature's own remarks), a property written in an object literal
 * typed by office-js (Excel.run's RunOptions, a hyperlink), and every segment of the string
 * paths given to `load(...)` ("items/customOrNullObject/rule/formula").
 *
 * What is a capability check, for set ExcelApi V:
 * - `isSetSupported('ExcelApi', V)` (V a literal or a constant), whatever the receiver;
 * - a member of the adapter's HostCapabilities whose doc says `[Api set: ExcelApi V]`
 *   (`this.capabilities().notes`), and `require('notes', …)`, which throws without it;
 * - a constant initialised with a check, and a parameter to which every call passes a check.
 * A use is on a checked path when it is in the branch a check opens (`if`, `?:`, `&&`, `||`),
 * or after `if (!check) return|continue|break|throw` or `require(…)` in an enclosing block.
 * When the remarks name several versions ("1.1 for get, 1.8 for set") the first is taken.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const ROOT = path.resolve(__dirname, '../..');
/** The add-in's code: everything that runs in the task pane or the function file. */
export const ADDIN_DIRS = ['src/office', 'src/taskpane', 'src/commands'];
const CAPABILITIES_FILE = path.join(ROOT, 'src/office/types.ts');

export interface ApiUse {
  /** Path relative to the repository, and 1-based line. */
  file: string;
  line: number;
  /** e.g. "Excel.Worksheet.notes". */
  member: string;
  /** The remark as written ("ExcelApi 1.18"), or null when office-js gives none. */
  set: string | null;
  /** The ExcelApi version, when the set is ExcelApi. */
  version: string | null;
  /** The highest version a capability check on the path guarantees, if any. */
  checked: string | null;
}

export function minimumFromManifest(xml: string): string {
  const m = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"\s*\/>/.exec(xml);
  if (!m) throw new Error('manifest.xml names no ExcelApi requirement');
  return m[1];
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

const maxVersion = (versions: Iterable<string>): string | null => [...versions].sort(compareVersions).pop() ?? null;

export function addinFiles(): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
    });
  return ADDIN_DIRS.flatMap((d) => walk(path.join(ROOT, d)));
}

/**
 * A program over `files` with the project's compiler options; `virtual` adds or replaces files
 * by absolute path; `old` lends its unchanged files (office-js's typings are large).
 */
export function createProgram(files: string[], virtual: Record<string, string> = {}, old?: ts.Program): ts.Program {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    name in virtual ? ts.createSourceFile(name, virtual[name], language, true) : getSourceFile(name, language, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name in virtual || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name in virtual ? virtual[name] : readFile(name));
  return ts.createProgram([...new Set([...files, ...Object.keys(virtual)])], options, host, old);
}

const API_SET = /\[Api set: ([^\]]+)\]/;

/** The `[Api set: …]` remark of a declaration, and its ExcelApi version. */
function remarkOf(decl: ts.Node): { set: string; version: string | null } | null {
  const text = decl.getSourceFile().text.slice(decl.getFullStart(), decl.getStart());
  const m = API_SET.exec(text);
  if (!m) return null;
  const v = /^ExcelApi (\d+\.\d+)/.exec(m[1].trim());
  return { set: m[1].trim(), version: v ? v[1] : null };
}

const isOfficeJs = (decl: ts.Node) => /[\\/]@types[\\/]office-js[\\/]/.test(decl.getSourceFile().fileName);

export function analyze(program: ts.Program, files: string[], minimum: string): { uses: ApiUse[]; violations: ApiUse[] } {
  const checker = program.getTypeChecker();
  const sources = files.map((f) => {
    const sf = program.getSourceFile(f);
    if (!sf) throw new Error(`not in the program: ${f}`);
    return sf;
  });

  // Every call in the add-in, by the declaration it calls: to see what a parameter receives.
  const callsOf = new Map<ts.Node, ts.CallExpression[]>();
  const visitCalls = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const decl = checker.getResolvedSignature(node)?.getDeclaration();
      if (decl) callsOf.set(decl, [...(callsOf.get(decl) ?? []), node]);
    }
    ts.forEachChild(node, visitCalls);
  };
  sources.forEach(visitCalls);

  const constantString = (expr: ts.Expression): string | null => {
    if (ts.isStringLiteralLike(expr)) return expr.text;
    const type = checker.getTypeAtLocation(expr);
    return type.isStringLiteral() ? type.value : null;
  };

  /** The HostCapabilities member a symbol is, and the version its doc names. */
  const capabilityVersion = (symbol: ts.Symbol | undefined): string | null => {
    const decl = symbol?.declarations?.[0];
    if (!decl || path.resolve(decl.getSourceFile().fileName) !== CAPABILITIES_FILE || !ts.isPropertySignature(decl)) return null;
    if (!ts.isInterfaceDeclaration(decl.parent) || decl.parent.name.text !== 'HostCapabilities') return null;
    return remarkOf(decl)?.version ?? null;
  };
  const capabilityNamed = (name: string): string | null => {
    const sf = program.getSourceFile(CAPABILITIES_FILE);
    const iface = sf?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'HostCapabilities');
    const member = iface?.members.find((m) => m.name && ts.isIdentifier(m.name) && m.name.text === name);
    return member ? (remarkOf(member)?.version ?? null) : null;
  };

  const calleeName = (call: ts.CallExpression): string | null =>
    ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : ts.isIdentifier(call.expression) ? call.expression.text : null;

  /** Versions guaranteed when `expr` is truthy. */
  const whenTrue = (expr: ts.Expression, seen = new Set<ts.Node>()): Set<string> => {
    if (seen.has(expr)) return new Set();
    seen.add(expr);
    if (ts.isParenthesizedExpression(expr)) return whenTrue(expr.expression, seen);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
      return new Set([...whenTrue(expr.left, seen), ...whenTrue(expr.right, seen)]);
    }
    if (ts.isCallExpression(expr) && calleeName(expr) === 'isSetSupported' && expr.arguments.length >= 2) {
      const [set, version] = expr.arguments.map(constantString);
      return set === 'ExcelApi' && version ? new Set([version]) : new Set();
    }
    if (ts.isPropertyAccessExpression(expr)) {
      const v = capabilityVersion(checker.getSymbolAtLocation(expr.name));
      return v ? new Set([v]) : new Set();
    }
    if (ts.isIdentifier(expr)) {
      const decl = checker.getSymbolAtLocation(expr)?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.getCombinedNodeFlags(decl) & ts.NodeFlags.Const) {
        return whenTrue(decl.initializer, seen);
      }
      if (decl && ts.isParameter(decl) && ts.isFunctionLike(decl.parent)) {
        const index = decl.parent.parameters.indexOf(decl);
        const calls = callsOf.get(decl.parent) ?? [];
        if (calls.length === 0) return new Set();
        const passed = calls.map((c) => (c.arguments[index] ? whenTrue(c.arguments[index], seen) : new Set<string>()));
        return new Set([...passed[0]].filter((v) => passed.every((p) => p.has(v))));
      }
    }
    return new Set();
  };

  /** Versions guaranteed when `expr` is falsy. */
  const whenFalse = (expr: ts.Expression): Set<string> => {
    if (ts.isParenthesizedExpression(expr)) return whenFalse(expr.expression);
    if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.ExclamationToken) return whenTrue(expr.operand);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
      return new Set([...whenFalse(expr.left), ...whenFalse(expr.right)]);
    }
    return new Set();
  };

  const exits = (s: ts.Statement): boolean =>
    ts.isReturnStatement(s) || ts.isThrowStatement(s) || ts.isContinueStatement(s) || ts.isBreakStatement(s) || (ts.isBlock(s) && s.statements.length > 0 && exits(s.statements[s.statements.length - 1]));

  /** Versions a statement guarantees for the statements after it. */
  const afterStatement = (s: ts.Statement): Set<string> => {
    if (ts.isIfStatement(s) && !s.elseStatement && exits(s.thenStatement)) return whenFalse(s.expression);
    if (ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && calleeName(s.expression) === 'require') {
      const first = s.expression.arguments[0];
      const v = first && ts.isStringLiteralLike(first) ? capabilityNamed(first.text) : null;
      return v ? new Set([v]) : new Set();
    }
    return new Set();
  };

  /** The highest version checked on the path to `node`. */
  const checkedAt = (node: ts.Node): string | null => {
    const versions = new Set<string>();
    const add = (set: Set<string>) => set.forEach((v) => versions.add(v));
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (ts.isIfStatement(parent)) {
        if (child === parent.thenStatement) add(whenTrue(parent.expression));
        if (child === parent.elseStatement) add(whenFalse(parent.expression));
      } else if (ts.isConditionalExpression(parent)) {
        if (child === parent.whenTrue) add(whenTrue(parent.condition));
        if (child === parent.whenFalse) add(whenFalse(parent.condition));
      } else if (ts.isBinaryExpression(parent) && child === parent.right) {
        if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) add(whenTrue(parent.left));
        if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) add(whenFalse(parent.left));
      } else if (ts.isBlock(parent) || ts.isSourceFile(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
        for (const s of parent.statements) {
          if (s === child) break;
          add(afterStatement(s));
        }
      }
    }
    return maxVersion(versions);
  };

  const uses: ApiUse[] = [];
  const record = (node: ts.Node, symbol: ts.Symbol, decl: ts.Node) => {
    const remark = remarkOf(decl);
    const sf = node.getSourceFile();
    uses.push({
      file: path.relative(ROOT, sf.fileName),
      line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      member: checker.getFullyQualifiedName(symbol).replace(/^"[^"]*"\./, ''),
      set: remark?.set ?? null,
      version: remark?.version ?? null,
      checked: checkedAt(node),
    });
  };
  const officeDecl = (symbol: ts.Symbol | undefined): ts.Declaration | undefined => symbol?.declarations?.find(isOfficeJs);

  /** load('a,b/c'): each segment, typed from the object loaded. */
  const loadPaths = (call: ts.CallExpression, receiver: ts.Expression) => {
    const arg = call.arguments[0];
    if (!arg || !ts.isStringLiteralLike(arg)) return;
    for (const spec of arg.text.split(',')) {
      let type: ts.Type | undefined = checker.getTypeAtLocation(receiver);
      for (const segment of spec.trim().split('/')) {
        if (!type || !segment) break;
        const prop: ts.Symbol | undefined = checker.getPropertyOfType(type, segment);
        const decl = officeDecl(prop);
        if (!prop || !decl) break;
        record(arg, prop, decl);
        const propType = checker.getTypeOfSymbolAtLocation(prop, call);
        type = propType.getNumberIndexType() ?? propType;
      }
    }
  };

  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.name);
      const call = ts.isCallExpression(node.parent) && node.parent.expression === node ? node.parent : null;
      const decl = (call && checker.getResolvedSignature(call)?.getDeclaration()) || officeDecl(symbol);
      if (symbol && decl && isOfficeJs(decl)) {
        record(node.name, symbol, decl);
        if (call && node.name.text === 'load') loadPaths(call, node.expression);
      }
    } else if (ts.isObjectLiteralExpression(node)) {
      const type = checker.getContextualType(node);
      for (const p of node.properties) {
        if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !ts.isIdentifier(p.name)) continue;
        const prop = type && checker.getPropertyOfType(type, p.name.text);
        const decl = officeDecl(prop ?? undefined);
        if (prop && decl) record(p.name, prop, decl);
      }
    }
    ts.forEachChild(node, visit);
  };
  sources.forEach(visit);

  const violations = uses.filter(
    (u) => u.set !== null && (u.version === null ? u.set.startsWith('Excel') : compareVersions(u.version, minimum) > 0) && !(u.checked && u.version && compareVersions(u.checked, u.version) >= 0),
  );
  return { uses, violations };
}

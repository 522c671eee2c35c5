// Checks JSON values received from the simulator against the TypeScript
// response types that @nktkas/hyperliquid declares. The pinned SDK validates
// only requests at run time (valibot); its response shapes exist as types
// with `@pattern` JSDoc tags. So we (1) type-check the values as object
// literals with tsc (missing/extra fields, wrong JSON types, wrong literal
// values) and (2) walk the same types and test every `@pattern` regex.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const virtual_file = join(root, '__sdk_type_check__.ts');

const compiler_options = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts'],
  types: [],
};

/// samples: [{name, module ('@nktkas/hyperliquid/api/info' ...), type, value}].
/// Returns a list of human-readable problems; empty means conformant.
export function check_sdk_types(samples) {
  const lines = [];
  const spans = []; // [first line, last line] of each sample, 0-based
  samples.forEach((s, i) => {
    lines.push(`import type { ${s.type} as T${i} } from ${JSON.stringify(s.module)};`);
  });
  samples.forEach((s, i) => {
    const first = lines.length;
    const json = JSON.stringify(s.value, null, 2).split('\n');
    json[0] = `export const sample${i}: T${i} = ${json[0]}`;
    json[json.length - 1] += ';';
    lines.push(...json);
    spans.push([first, lines.length - 1]);
  });
  const text = lines.join('\n') + '\n';

  const host = ts.createCompilerHost(compiler_options, true);
  const base_get = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    file === virtual_file ? ts.createSourceFile(file, text, lang, true) : base_get(file, lang, ...rest);
  const base_exists = host.fileExists.bind(host);
  host.fileExists = (file) => file === virtual_file || base_exists(file);
  const base_read = host.readFile.bind(host);
  host.readFile = (file) => (file === virtual_file ? text : base_read(file));

  const program = ts.createProgram([virtual_file], compiler_options, host);
  const source = program.getSourceFile(virtual_file);
  const problems = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (d.file !== source || d.start === undefined) {
      problems.push(`tsc: ${msg}`);
      continue;
    }
    const { line } = source.getLineAndCharacterOfPosition(d.start);
    const idx = spans.findIndex(([a, b]) => line >= a && line <= b);
    const where = idx >= 0 ? `${samples[idx].name} (${samples[idx].type})` : 'imports';
    problems.push(`${where}: at \`${lines[line].trim()}\`: ${msg}`);
  }
  // The @pattern walk needs only the declared types, so it runs even when
  // tsc found structural problems: both kinds of finding are reported.
  const checker = program.getTypeChecker();
  const decls = new Map();
  ts.forEachChild(source, (node) => {
    if (ts.isVariableStatement(node))
      for (const d of node.declarationList.declarations) decls.set(d.name.getText(source), d);
  });
  samples.forEach((s, i) => {
    const decl = decls.get(`sample${i}`);
    walk(checker, checker.getTypeAtLocation(decl.type), s.value, s.name, problems);
  });
  return problems;
}

function type_of_property(checker, prop) {
  return checker.getTypeOfSymbol ? checker.getTypeOfSymbol(prop) : checker.getTypeOfSymbolAtLocation(prop, prop.valueDeclaration);
}

function is_array_like(checker, t) {
  return checker.isArrayType(t) || checker.isTupleType(t);
}

/// Whether union member `t` can describe the JSON value `v` at all.
function kind_matches(checker, t, v) {
  if (Array.isArray(v)) return is_array_like(checker, t);
  if (v === null) return (t.flags & ts.TypeFlags.Null) !== 0;
  switch (typeof v) {
    case 'string':
      return (t.flags & ts.TypeFlags.StringLike) !== 0;
    case 'number':
      return (t.flags & ts.TypeFlags.NumberLike) !== 0;
    case 'boolean':
      return (t.flags & ts.TypeFlags.BooleanLike) !== 0;
    case 'object':
      return (t.flags & ts.TypeFlags.Object) !== 0 && !is_array_like(checker, t);
    default:
      return false;
  }
}

function walk(checker, type, value, path, out) {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (type.isUnion()) {
    let first = null;
    for (const member of type.types.filter((t) => kind_matches(checker, t, value))) {
      const found = [];
      walk(checker, member, value, path, found);
      if (found.length === 0) return;
      first ??= found;
    }
    if (first) out.push(...first);
    return;
  }
  if (Array.isArray(value)) {
    if (checker.isTupleType(type)) {
      const args = checker.getTypeArguments(type);
      value.forEach((v, i) => args[i] && walk(checker, args[i], v, `${path}[${i}]`, out));
      return;
    }
    const element = checker.isArrayType(type) ? checker.getTypeArguments(type)[0] : type.getNumberIndexType();
    if (element) value.forEach((v, i) => walk(checker, element, v, `${path}[${i}]`, out));
    return;
  }
  const known = new Set();
  for (const prop of checker.getPropertiesOfType(type)) {
    const name = prop.getName();
    known.add(name);
    if (!Object.hasOwn(value, name)) continue;
    const v = value[name];
    const tag = prop.getJsDocTags(checker).find((t) => t.name === 'pattern');
    if (tag && typeof v === 'string') {
      const re = new RegExp(ts.displayPartsToString(tag.text).trim());
      if (!re.test(v)) out.push(`${path}.${name}: ${JSON.stringify(v)} does not match the SDK's @pattern ${re}`);
    }
    walk(checker, type_of_property(checker, prop), v, `${path}.${name}`, out);
  }
  const index = type.getStringIndexType();
  if (index)
    for (const [k, v] of Object.entries(value)) if (!known.has(k)) walk(checker, index, v, `${path}.${k}`, out);
}

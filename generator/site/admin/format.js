// The project's YAML format for the browser editor: the rules of
// generator/content/format.py in JavaScript (a test renders every example file with both
// and compares the bytes), and `patch`, which writes a form's changes into the file as it
// stands, value by value, so comments, quoting and line breaks of everything the form did
// not change stay byte for byte.
import { parseDocument, isMap, isSeq, isScalar } from './yaml/index.js';

export const WIDTH = 92;

export const SCHEMA_PATHS = {
  service: '../../schema/service.schema.json',
  'service-translation': '../../schema/service-translation.schema.json',
  authority: '../../schema/authority.schema.json',
  rates: '../../schema/rates.schema.json',
  site: '../schema/site.schema.json',
  glossary: '../schema/glossary.schema.json',
  synonyms: '../schema/synonyms.schema.json',
};

const WORDS = new Set(
  ('~ null Null NULL y Y yes Yes YES n N no No NO true True TRUE false False FALSE ' +
    'on On ON off Off OFF').split(' '),
);
const NUMBER_OR_DATE = new RegExp(
  '^(?:[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?' +
    '|(?:[0-9][0-9_]*)?\\.?[0-9_]*(?:[eE][-+]?[0-9]+)?|\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))' +
    '|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$',
);
const INDICATORS = "-?:,[]{}#&*!|>'\"%@`";
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Length in code points, as Python counts it. */
const width = text => [...text].length;

/** Python's str.strip() for the characters a content text can hold. */
const strip = text => text.replace(/^[\s\u001c-\u001f\u0085]+|[\s\u001c-\u001f\u0085]+$/gu, '');

function badChar(text) {
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || '\ufeff\u2028\u2029'.includes(ch)) {
      return true;
    }
  }
  return false;
}

export function plainOk(text, flow = false) {
  if (!text || text !== strip(text) || text.includes('\n') || text.includes('\t')) return false;
  if (INDICATORS.includes(text[0]) || WORDS.has(text) || text === '<<' || text === '=') {
    return false;
  }
  if (text.includes(': ') || text.includes(' #') || text.endsWith(':')) return false;
  if (flow && /[,[\]{}]/.test(text)) return false;
  if (badChar(text)) return false;
  return !NUMBER_OR_DATE.test(text);
}

export const quoted = text => JSON.stringify(text);

export function number(value) {
  return String(value);
}

function foldable(text) {
  if (!text || text !== strip(text) || text.includes('\n') || text.includes('  ')) return false;
  if (text.includes('\t')) return false;
  for (const ch of text) {
    if (ch.codePointAt(0) < 0x20 || '\ufeff\u2028\u2029\u0085'.includes(ch)) return false;
  }
  return true;
}

function fold(text, indent) {
  const room = WIDTH - indent;
  const lines = [];
  let current = '';
  for (const word of text.split(' ')) {
    if (current && width(current) + 1 + width(word) > room) {
      lines.push(current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  lines.push(current);
  return lines;
}

function literal(value, pad) {
  const body = value.replace(/\n+$/, '');
  const trail = value.length - body.length;
  const chomp = trail === 0 ? '-' : trail === 1 ? '' : '+';
  const lines = body.split('\n').map(line => (line ? pad + line : ''));
  for (let i = 1; i < trail; i++) lines.push('');
  return `|${chomp}\n` + lines.join('\n');
}

function literalOk(value) {
  return !(' \n'.includes(value[0]) || value.split('\n').some(l => l !== l.replace(/[ \t]+$/, '')));
}

export function scalar(value, spec, indent, used) {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return number(value);
  if (typeof value !== 'string') return quoted(JSON.stringify(value));
  if (spec && spec.t === 'date' && ISO_DATE.test(value)) return value;
  const pad = ' '.repeat(indent);
  if (value.replace(/\n+$/, '').includes('\n') || value.endsWith('\n')) {
    return literalOk(value) ? literal(value, pad) : quoted(value);
  }
  if (plainOk(value) && used + width(value) <= WIDTH) return value;
  if (foldable(value) && used + width(value) > WIDTH && value[0] !== '#') {
    return '>-\n' + fold(value, indent).map(line => pad + line).join('\n');
  }
  if (plainOk(value)) return value;
  return quoted(value);
}

const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);

export function empty(value) {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.keys(value).length === 0)
  );
}

function flowItem(value) {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return number(value);
  if (typeof value === 'string') {
    if (plainOk(value, true)) return value;
    if (!value.includes('\n')) return quoted(value);
  }
  return null;
}

function flowList(items, used) {
  if (!items.length) return null;
  const parts = [];
  for (const item of items) {
    const shown = flowItem(item);
    if (shown === null) return null;
    parts.push(shown);
  }
  const text = '[' + parts.join(', ') + ']';
  return used + width(text) <= WIDTH ? text : null;
}

const key = name => (plainOk(name, true) ? name : quoted(name));
const ANY = { t: 'any' };
/** the file's text as read, kept in the entry so that a save changes only what changed */
export const SOURCE = '_sf_source';

export class Writer {
  constructor(layout) {
    this.models = layout.models;
    this.kinds = layout.kinds;
    this.marker = layout.marker || '';
  }

  spec(kind) {
    return { t: 'model', m: this.kinds[kind] };
  }

  document(kind, data) {
    const head = `# yaml-language-server: $schema=${SCHEMA_PATHS[kind]}\n`;
    return head + this.mapping(data, this.spec(kind), 0).join('');
  }

  fields(spec) {
    return spec && spec.t === 'model' ? this.models[spec.m] || [] : [];
  }

  childSpec(spec, name) {
    if (spec && spec.t === 'dict') return spec.of || ANY;
    const found = this.fields(spec).find(([field]) => field === name);
    return found ? found[1] : ANY;
  }

  ordered(data, spec) {
    const fields = this.fields(spec);
    const known = new Set(fields.map(([name]) => name));
    const out = [];
    for (const [name, entry] of fields) {
      if (Object.prototype.hasOwnProperty.call(data, name) && !this.skip(data[name], entry)) {
        out.push([name, data[name], entry]);
      }
    }
    for (const [name, value] of Object.entries(data)) {
      if (!known.has(name) && name !== this.marker && !empty(value)) {
        out.push([name, value, spec && spec.t === 'dict' ? spec.of || ANY : ANY]);
      }
    }
    return out;
  }

  skip(value, entry) {
    if (empty(value)) return true;
    if (typeof value === 'object') return false;
    if (!('d' in entry) || (typeof value === 'boolean') !== (typeof entry.d === 'boolean')) {
      return false;
    }
    return value === entry.d;
  }

  mapping(data, spec, indent) {
    const pad = ' '.repeat(indent);
    return this.ordered(data, spec)
      .map(([name, value, entry]) => this.entry(`${pad}${key(name)}:`, value, entry, indent))
      .filter(text => text !== ''); // a mapping of defaults only is left out
  }

  entry(head, value, spec, indent) {
    if (isObject(value)) {
      const inner = this.mapping(value, spec, indent + 2);
      return inner.length ? head + '\n' + inner.join('') : '';
    }
    if (Array.isArray(value)) {
      const flow = flowList(value, width(head) + 1);
      if (flow !== null) return `${head} ${flow}\n`;
      const item = (spec && spec.of) || ANY;
      return head + '\n' + value.map(v => this.item(v, item, indent + 2)).join('');
    }
    return `${head} ${scalar(value, spec, indent + 2, width(head) + 1)}\n`;
  }

  item(value, spec, indent) {
    const pad = ' '.repeat(indent);
    if (isObject(value)) {
      const inner = this.mapping(value, spec, indent + 2);
      if (!inner.length) return `${pad}- {}\n`;
      return `${pad}- ` + inner.join('').slice(indent + 2);
    }
    if (Array.isArray(value)) {
      const flow = flowList(value, indent + 2);
      if (flow !== null) return `${pad}- ${flow}\n`;
      const inner = (spec && spec.of) || ANY;
      return `${pad}- ` + value.map(v => this.item(v, inner, indent + 2)).join('').slice(indent + 2);
    }
    return `${pad}- ${scalar(value, spec, indent + 2, indent + 2)}\n`;
  }
}

// --- comparing what the form gives with what the file holds ------------------------------

/** The value as the check reads it: texts without surrounding blanks, empty as absent. */
export function normal(value) {
  if (typeof value === 'string') {
    const text = strip(value);
    return text === '' ? undefined : text;
  }
  if (Array.isArray(value)) {
    const items = value.map(normal);
    return items.length ? items : undefined;
  }
  if (isObject(value)) {
    const out = {};
    for (const [name, item] of Object.entries(value)) {
      const shown = normal(item);
      if (shown !== undefined) out[name] = shown;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === null ? undefined : value;
}

export function same(a, b) {
  return JSON.stringify(sorted(normal(a))) === JSON.stringify(sorted(normal(b)));
}

function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (isObject(value)) {
    const out = {};
    for (const name of Object.keys(value).sort()) out[name] = sorted(value[name]);
    return out;
  }
  return value;
}

// --- writing changes into an existing file ------------------------------------------------

/** Reads a file as the form needs it. */
export function read(text) {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    throw new Error('YAML: ' + doc.errors.map(e => e.message).join('\n'));
  }
  const data = doc.toJS() || {};
  if (!isObject(data)) throw new Error('YAML: expected field: value lines');
  return data;
}

export function patch(writer, kind, source, data) {
  const doc = parseDocument(source);
  if (doc.errors.length || !isMap(doc.contents)) return writer.document(kind, data);
  const edits = [];
  const ctx = new Patcher(writer, source, edits);
  ctx.map(doc.contents, data, writer.spec(kind));
  edits.sort((a, b) => b.start - a.start || b.order - a.order);
  let out = source;
  for (const edit of edits) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}

class Patcher {
  constructor(writer, source, edits) {
    this.w = writer;
    this.src = source;
    this.edits = edits;
    this.count = 0;
  }

  edit(start, end, text) {
    this.edits.push({ start, end, text, order: this.count++ });
  }

  lineStart(offset) {
    return this.src.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The offset after the line that holds ``offset - 1`` (a value's last character). */
  lineAfter(offset) {
    if (offset > 0 && this.src[offset - 1] === '\n') return offset;
    const next = this.src.indexOf('\n', offset);
    return next < 0 ? this.src.length : next + 1;
  }

  column(offset) {
    return offset - this.lineStart(offset);
  }

  /** ``data`` into the block mapping ``node``, key by key. */
  map(node, data, spec) {
    const pairs = new Map(node.items.map(pair => [String(pair.key && pair.key.value), pair]));
    const indent = node.items.length ? this.column(node.items[0].key.range[0]) : 0;
    // removed: a value the form emptied (the reader's own marks are not the file's)
    for (const [name, pair] of pairs) {
      if (name === this.w.marker || name === SOURCE) continue;
      const had = normal(pair.value ? pair.value.toJSON() : undefined);
      if (normal(data[name]) === undefined && had !== undefined) {
        this.edit(this.lineStart(pair.key.range[0]), this.pairEnd(pair), '');
      }
    }
    // changed and added, in the model's order
    let previous = null;
    for (const [name, entry] of this.w.fields(spec)) {
      const value = data[name];
      const pair = pairs.get(name);
      if (pair) {
        if (normal(value) !== undefined) this.value(pair, value, entry, indent);
        previous = pair;
        continue;
      }
      if (this.w.skip(value, entry)) continue;
      const text = this.w.entry(`${' '.repeat(indent)}${key(name)}:`, value, entry, indent);
      if (previous) {
        this.edit(this.pairEnd(previous), this.pairEnd(previous), text);
      } else {
        const first = node.items.find(p => p.key && p.key.range);
        const at = first ? this.lineStart(first.key.range[0]) : this.src.length;
        this.edit(at, at, text);
      }
    }
    // keys the model does not know, kept as the file has them unless the form changed them
    const known = new Set(this.w.fields(spec).map(([name]) => name));
    for (const [name, pair] of pairs) {
      if (!known.has(name) && normal(data[name]) !== undefined) {
        this.value(pair, data[name], this.w.childSpec(spec, name), indent);
      }
    }
  }

  pairEnd(pair) {
    const node = pair.value || pair.key;
    return this.lineAfter(node.range[1]);
  }

  /** A value that exists in the file. */
  value(pair, value, spec, indent) {
    const node = pair.value;
    const old = node ? node.toJSON() : null;
    if (same(old, value)) return;
    if (node && isScalar(node) && old !== null && !isObject(value) && !Array.isArray(value)) {
      this.scalar(node, value, spec, indent + 2, false);
      return;
    }
    if (node && isMap(node) && isObject(value) && !node.flow) {
      this.map(node, value, spec);
      return;
    }
    if (node && isMap(node) && isObject(value) && this.flowMap(node, value, spec)) return;
    if (node && isSeq(node) && Array.isArray(value) && !node.flow) {
      this.seq(node, value, spec);
      return;
    }
    // anything else (a list in brackets that changed, a type that changed): the entry anew
    const start = this.lineStart(pair.key.range[0]);
    const head = `${' '.repeat(indent)}${key(String(pair.key.value))}:`;
    this.edit(start, this.pairEnd(pair), this.w.entry(head, value, spec, indent));
  }

  /** Changed texts of ``{a: b, c: d}`` in place, when the form kept its keys. */
  flowMap(node, value, spec) {
    const old = node.toJSON();
    const names = Object.keys(normal(old) || {}).sort().join();
    if (names !== Object.keys(normal(value) || {}).sort().join()) return false;
    const changes = [];
    for (const pair of node.items) {
      const name = String(pair.key.value);
      if (same(old[name], value[name])) continue;
      if (!pair.value || !isScalar(pair.value) || typeof value[name] === 'object') return false;
      const keepQuotes = pair.value.type === 'QUOTE_DOUBLE' && typeof value[name] === 'string';
      const shown = keepQuotes ? quoted(value[name]) : flowItem(value[name]);
      if (shown === null || shown.includes('\n')) return false;
      changes.push([pair.value, shown]);
    }
    for (const [scalarNode, shown] of changes) {
      this.edit(scalarNode.range[0], scalarNode.range[1], shown);
    }
    return true;
  }

  scalar(node, value, spec, indent, flow) {
    const [start, end] = node.range;
    const block = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL';
    const pad = ' '.repeat(indent);
    let text;
    if (flow) {
      text = flowItem(value) ?? quoted(String(value));
    } else if (typeof value === 'string' && node.type === 'QUOTE_DOUBLE' && !value.includes('\n')) {
      text = quoted(value);
    } else if (typeof value === 'string' && node.type === 'BLOCK_FOLDED' && foldable(value)) {
      text = '>-\n' + fold(value, indent).map(line => pad + line).join('\n');
    } else if (typeof value === 'string' && node.type === 'BLOCK_LITERAL' && value.includes('\n')) {
      const keep = node.source.endsWith('\n') ? value.replace(/\n*$/, '\n') : value;
      text = literalOk(keep) ? literal(keep, pad) : scalar(value, spec, indent, this.column(start));
    } else {
      text = scalar(value, spec, indent, this.column(start));
    }
    const rendered = text.startsWith('|') || text.startsWith('>');
    if (block && this.src[end - 1] === '\n') {
      this.edit(start, end, text + '\n');
    } else if (rendered) {
      this.edit(start, this.lineAfter(end), text + '\n');
    } else {
      this.edit(start, end, text);
    }
  }

  seq(node, value, spec) {
    const items = node.items;
    const itemSpec = (spec && spec.of) || ANY;
    const dashIndent = this.column(node.range[0]);
    const olds = items.map(item => (item && item.toJSON ? item.toJSON() : item));
    let head = 0;
    while (head < items.length && head < value.length && same(olds[head], value[head])) head++;
    let tail = 0;
    while (
      tail < items.length - head &&
      tail < value.length - head &&
      same(olds[items.length - 1 - tail], value[value.length - 1 - tail])
    ) {
      tail++;
    }
    const removed = items.slice(head, items.length - tail);
    const added = value.slice(head, value.length - tail);
    const shared = Math.min(removed.length, added.length);
    for (let i = 0; i < shared; i++) this.item(removed[i], added[i], itemSpec, dashIndent);
    for (const item of removed.slice(shared)) {
      this.edit(this.lineStart(item.range[0]), this.lineAfter(item.range[1]), '');
    }
    if (added.length > shared) {
      const text = added
        .slice(shared)
        .map(v => this.w.item(v, itemSpec, dashIndent))
        .join('');
      const before = head + shared > 0 ? items[head + shared - 1] : null;
      const at = before ? this.lineAfter(before.range[1]) : this.lineStart(items[0].range[0]);
      this.edit(at, at, text);
    }
  }

  item(node, value, spec, dashIndent) {
    const old = node && node.toJSON ? node.toJSON() : node;
    if (same(old, value)) return;
    if (isScalar(node) && old !== null && !isObject(value) && !Array.isArray(value)) {
      this.scalar(node, value, spec, dashIndent + 2, false);
      return;
    }
    if (isMap(node) && isObject(value) && !node.flow) {
      this.map(node, value, spec);
      return;
    }
    if (isMap(node) && isObject(value) && this.flowMap(node, value, spec)) return;
    // the item anew in the project's format, from after its dash to the end of its lines
    const text = this.w.item(value, spec, dashIndent);
    this.edit(node.range[0], this.lineAfter(node.range[1]), text.slice(dashIndent + 2));
  }
}

/** The format Decap CMS calls for files of ``kind``: reads marks the model, writes patch. */
export function decapFormat(writer, kind, normalise = data => data) {
  return {
    fromFile(text) {
      const data = normalise(read(text));
      return { ...data, [writer.marker]: fileKind(kind, data), [SOURCE]: text };
    },
    toFile(data) {
      const { [SOURCE]: source, [writer.marker]: mark, ...rest } = data;
      if (!source) return writer.document(kind, rest);
      return patch(writer, kind, source, restore(rest, read(source)));
    },
  };
}

/** What the reader changed for the form, back as the file has it when the form kept it:
 * an office's ``example_data: true`` is the form's ``[contact]``. */
function restore(data, file) {
  if (file.example_data === true && same(data.example_data, ['contact'])) {
    return { ...data, example_data: true };
  }
  return data;
}

/** The form's view of a file: ``example_data: true`` as the marks it means. */
export function forForm(data) {
  if (data.example_data === true) return { ...data, example_data: ['contact'] };
  if (data.example_data === false) {
    const { example_data: _, ...rest } = data;
    return rest;
  }
  return data;
}

/** Which model a file of a services folder holds: a translation has neither as_of nor
 * topics, which every main file must have. */
export function fileKind(kind, data) {
  if (kind === 'service' && !('as_of' in data) && !('topics' in data)) {
    return 'service-translation';
  }
  return kind;
}

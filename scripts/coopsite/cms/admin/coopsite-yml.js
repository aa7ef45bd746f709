// The web editor's YAML format for the site's hand-kept files (coopsite.cms): Decap's own YAML format
// writes a whole file again, losing its comments, its flow lists and its key order. This one keeps the
// file as it was and changes only the text of the values the member changed, where they stand; a value
// added to a mapping (a new translation, fr: ...) becomes one more line of that mapping. Any other change
// (a list grown or shortened, a value of another kind) falls back to writing the file again, in the
// document's own style. New files (a new event) are written plainly.
import { parseDocument, stringify, isMap, isSeq, isScalar } from "./yaml/index.js";

const SOURCE = "__coopsite_source"; // the file as read, kept in the entry's data until it is saved

function fromFile(text) {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error("YAML: " + doc.errors.map((e) => e.message).join("; "));
  const data = doc.toJS() || {};
  data[SOURCE] = text;
  return data;
}

// A scalar as YAML text: plain when it reads back as the same string, else double-quoted (JSON's
// quoting is valid YAML); several lines: a literal block, indented under its key.
function scalarText(value, indent) {
  if (typeof value !== "string") return JSON.stringify(value);
  if (value.includes("\n")) {
    const body = value.replace(/\n+$/, "");
    const chomp = value.endsWith("\n") ? (value.endsWith("\n\n") ? "+" : "") : "-";
    const pad = " ".repeat(indent + 2);
    return "|" + chomp + "\n" + body.split("\n").map((l) => (l ? pad + l : "")).join("\n");
  }
  const plain = value !== "" && value === value.trim() && !/^[-?:,\[\]{}#&*!|>'"%@`]/.test(value) &&
    !/: |\s#|:$/.test(value) && parseDocument("x: " + value).toJS().x === value;
  return plain ? value : JSON.stringify(value);
}

function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

// Edits [start, end, replacement] that turn the document into `data`, or null when the change is not
// one of text values changed or added.
function edits(text, node, value, out) {
  if (isScalar(node)) {
    if (node.value === value) return true;
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return false;
    const start = node.range[0];
    const indent = start - lineStart(text, start);
    // a block scalar's text ends with its line break: keep that line break
    let end = node.range[1];
    if (text[end - 1] === "\n" && (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED")) end -= 1;
    const keyIndent = node.type.startsWith("BLOCK") || node.type === "PLAIN" ? Math.max(0, indentOf(text, start)) : indent;
    out.push([start, end, scalarText(value, keyIndent)]);
    return true;
  }
  if (isMap(node)) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
    const keys = new Set();
    for (const pair of node.items) {
      const key = String(pair.key && pair.key.value);
      keys.add(key);
      if (!(key in value)) return false; // a key removed
      if (pair.value === null || pair.value === undefined) {
        if (value[key] === null || value[key] === undefined) continue;
        return false;
      }
      if (!edits(text, pair.value, value[key], out)) return false;
    }
    const added = Object.keys(value).filter((k) => !keys.has(k) && k !== SOURCE && value[k] !== "" &&
                                                   value[k] !== null && value[k] !== undefined);
    if (!added.length) return true;
    if (node.flow || !node.items.length || added.some((k) => typeof value[k] !== "string")) return false;
    const first = node.items[0].key.range[0];
    const indent = first - lineStart(text, first);
    const last = node.items[node.items.length - 1];
    let end = (last.value || last.key).range[2];
    if (text[end - 1] !== "\n") end = text.indexOf("\n", end) < 0 ? text.length : text.indexOf("\n", end);
    else end -= 1;
    const lines = added.map((k) => "\n" + " ".repeat(indent) + k + ": " + scalarText(value[k], indent)).join("");
    out.push([end, end, lines]);
    return true;
  }
  if (isSeq(node)) {
    if (!Array.isArray(value) || value.length !== node.items.length) return false;
    return node.items.every((item, i) => edits(text, item, value[i], out));
  }
  return false;
}

// The indentation of the key a value belongs to: the start of the value's line, spaces and "- " included.
function indentOf(text, offset) {
  const start = lineStart(text, offset);
  const m = /^[ -]*/.exec(text.slice(start, offset));
  return m ? m[0].length : 0;
}

function toFile(data, sortedKeys = []) {
  const source = data[SOURCE];
  const clean = Object.assign({}, data);
  delete clean[SOURCE];
  if (typeof source === "string") {
    const doc = parseDocument(source);
    const out = [];
    if (!doc.errors.length && doc.contents && edits(source, doc.contents, clean, out)) {
      let text = source;
      for (const [start, end, repl] of out.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + repl + text.slice(end);
      return text;
    }
    // another kind of change: the document's own comments and styles, with the new values
    for (const key of Object.keys(clean)) doc.set(key, doc.createNode(clean[key]));
    return doc.toString({ lineWidth: 0 });
  }
  // a new file: the keys in the order of the editor's fields (Decap passes it), as `coopsite new` writes them
  const ordered = {};
  for (const key of sortedKeys) if (key in clean) ordered[key] = clean[key];
  for (const key of Object.keys(clean)) if (!(key in ordered)) ordered[key] = clean[key];
  return stringify(ordered, { lineWidth: 0 });
}

export const coopsiteYml = { fromFile, toFile };
export default coopsiteYml;

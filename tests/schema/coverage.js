#!/usr/bin/env node
// Lists the fields of docs/case.schema.json that no example uses.
//
// usage: node coverage.js SCHEMA EXAMPLE.json...
//
// A field is a property path such as "exam.slr[].angle_deg" (array items written "[]"), found
// by walking the schema's properties, items and $refs. Every field counts, nested objects and
// their parents alike. Prints one unused field per line and exits 1 when there is any, 0 when
// the examples together use every field; 2 on a usage error. Needs no npm package.
'use strict';

const fs = require('fs');

function schemaFields(schema) {
  const out = new Set();
  const resolve = (node) => {
    while (node && node.$ref) {
      const parts = node.$ref.replace(/^#\//, '').split('/');
      node = parts.reduce((n, p) => n[p], schema);
    }
    return node;
  };
  const walk = (node, path, depth) => {
    node = resolve(node);
    if (!node || depth > 20) return;
    if (node.properties) {
      for (const [k, v] of Object.entries(node.properties)) {
        if (v === false) continue;
        const p = path ? `${path}.${k}` : k;
        out.add(p);
        walk(v, p, depth + 1);
      }
    }
    if (node.items && typeof node.items === 'object') walk(node.items, `${path}[]`, depth + 1);
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      if (Array.isArray(node[key])) node[key].forEach((s) => walk(s, path, depth + 1));
    }
  };
  walk(schema, '', 0);
  return out;
}

function usedFields(value, path, out) {
  if (Array.isArray(value)) {
    value.forEach((v) => usedFields(v, `${path}[]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      out.add(p);
      usedFields(v, p, out);
    }
  }
  return out;
}

function main(argv) {
  if (argv.length < 2) {
    process.stderr.write('usage: node coverage.js SCHEMA EXAMPLE.json...\n');
    return 2;
  }
  const fields = schemaFields(JSON.parse(fs.readFileSync(argv[0], 'utf8')));
  const used = new Set();
  for (const f of argv.slice(1)) usedFields(JSON.parse(fs.readFileSync(f, 'utf8')), '', used);
  const missing = [...fields].filter((f) => !used.has(f)).sort();
  missing.forEach((f) => process.stdout.write(`${f}\n`));
  process.stderr.write(`coverage: ${fields.size - missing.length} of ${fields.size} fields used\n`);
  return missing.length ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

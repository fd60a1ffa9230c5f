#!/usr/bin/env node
// Checks JSON files against a JSON Schema (draft 2020-12) with ajv in strict mode.
//
// usage: node check.js SCHEMA [FILE...]
//
// Prints one line per FILE:  FILE<TAB>valid|invalid|unparseable<TAB>first error
// and exits 0: it only reports, the caller decides what each verdict means.
// "unparseable" means the file is not UTF-8 JSON text (JSON.parse, which keeps the last of two
// duplicate keys, cannot see duplicates: that is the validator's business).
// Exits 1 when the schema itself cannot be read or compiled (so `node check.js SCHEMA` alone
// checks the schema), 2 on a usage error.
'use strict';

const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

function oneLine(s) {
  return String(s).replace(/[\t\r\n]+/g, ' ').replace(/\uFEFF/g, '\\uFEFF');
}

function readJson(path) {
  const bytes = fs.readFileSync(path);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  return JSON.parse(text);
}

function describe(err) {
  const where = err.instancePath === '' ? '/' : err.instancePath;
  let msg = err.message || err.keyword;
  const p = err.params || {};
  if (err.keyword === 'additionalProperties') msg += ` "${p.additionalProperty}"`;
  else if (err.keyword === 'enum') msg += `: ${JSON.stringify(p.allowedValues)}`;
  else if (err.keyword === 'const') msg += `: ${JSON.stringify(p.allowedValue)}`;
  else if (err.keyword === 'false schema') msg = 'is not allowed here';
  return `${where} ${msg} [${err.keyword} at ${err.schemaPath}]`;
}

function main(argv) {
  if (argv.length < 1) {
    process.stderr.write('usage: node check.js SCHEMA [FILE...]\n');
    return 2;
  }
  let validate;
  try {
    const ajv = new Ajv2020({ strict: true, allErrors: false });
    addFormats(ajv, { mode: 'full' });
    validate = ajv.compile(readJson(argv[0]));
  } catch (e) {
    process.stderr.write(`check.js: schema ${argv[0]}: ${oneLine(e.message)}\n`);
    return 1;
  }
  for (const file of argv.slice(1)) {
    let data;
    try {
      data = readJson(file);
    } catch (e) {
      process.stdout.write(`${file}\tunparseable\t${oneLine(e.message)}\n`);
      continue;
    }
    if (validate(data)) {
      process.stdout.write(`${file}\tvalid\t\n`);
    } else {
      process.stdout.write(`${file}\tinvalid\t${oneLine(describe(validate.errors[0]))}\n`);
    }
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));

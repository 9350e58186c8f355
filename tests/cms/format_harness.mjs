// Runs the admin page's format.js under node for tests/test_cms_format.py, through the
// same reader and writer Decap CMS calls (decapFormat): reads {layout, cases} as JSON from
// stdin and writes the texts it makes as a JSON list. A case is {kind, data} (a new
// file), {kind, source} (the file read as the form reads it, saved unchanged) or
// {kind, source, data} (the form's data saved into that file).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const folder = process.argv[2];
const { Writer, decapFormat, forForm } = await import(pathToFileURL(`${folder}/format.js`).href);
const input = JSON.parse(readFileSync(0, 'utf8'));
const writer = new Writer(input.layout);
const out = input.cases.map(c => {
  const format = decapFormat(writer, c.kind, c.kind === 'authority' ? forForm : undefined);
  if (c.source === undefined) return format.toFile(c.data);
  const entry = format.fromFile(c.source);
  if (c.data === undefined) return format.toFile(entry);
  return format.toFile({ ...c.data, _sf_source: entry._sf_source, _sf_file: c.kind });
});
process.stdout.write(JSON.stringify(out));

// Starts Decap CMS with the project's YAML format for every kind of content file: a file
// is read with its text kept, and saved by writing only the values the form changed into
// that text (format.js), so comments, key order and quoting survive a save from the form.
import { Writer, decapFormat, forForm } from './format.js';

const layout = await (await fetch('layout.json')).json();
const writer = new Writer(layout);
for (const kind of Object.keys(layout.kinds)) {
  const normalise = kind === 'authority' ? forForm : undefined;
  window.CMS.registerCustomFormat(`sf-${kind}`, 'yaml', decapFormat(writer, kind, normalise));
}
window.CMS.init();

/**
 * Harness self-test on VS Code's BUILT-IN CSS and JSON language features, so
 * every helper (hover, completion, squiggles, Problems, settings, commands) is
 * proven to work independently of our extension.
 */
import * as assert from 'node:assert/strict';
import type { VSCode } from '../harness.js';

export const name = 'harness self-test: hover, suggest, squiggles, problems, settings (built-in CSS/JSON)';

export const files = {
  'selftest/style.css': 'body {\n  color: red;\n  colr: blue;\n}\n',
  'selftest/broken.json': '{\n  "a": 1,,\n  "b": 2\n}\n',
};

export async function fn(vs: VSCode): Promise<void> {
  await vs.openFile('selftest/style.css');

  // Hover (from the CSS language server).
  const hover = await vs.hoverText('color: red', 'color', { contains: 'Sets the color' });
  assert.match(hover, /Sets the color of an element's text/);

  // Squiggles + Problems.
  const warnings = await vs.waitForSquiggles('warning', (s) => s.some((x) => x.text === 'colr'));
  assert.deepEqual(warnings.map((w) => w.text), ['colr']);
  const problems = await vs.waitForProblems((p) => p.some((e) => e.message === "Unknown property: 'colr'"));
  const colr = problems.find((e) => e.message === "Unknown property: 'colr'")!;
  assert.equal(colr.severity, 'warning');
  assert.equal(colr.file, 'style.css');
  assert.equal(colr.position, '[Ln 3, Col 3]');

  // Completion: type a prefix on a new line, trigger, accept.
  await vs.typeAt('color: red;', '\n  backg');
  await vs.triggerSuggest();
  const labels = await vs.waitForSuggest((l) => l.includes('background-color'));
  assert.ok(labels.length > 1, `few suggestions: ${labels.join(', ')}`);
  await vs.acceptSuggestion('background-color');
  await vs.waitForEditorText(/background-color: /);
  await vs.dismissSuggest(); // CSS re-opens suggest for the property value

  // JSON syntax error -> error squiggle.
  await vs.openFile('selftest/broken.json');
  await vs.waitForSquiggles('error');

  // Settings apply live: line numbers off -> no line-number gutter.
  await vs.setSetting('editor.lineNumbers', 'off');
  await vs.waitUntil<number>(
    `document.querySelectorAll('.part.editor .editor-group-container.active .margin-view-overlays .line-numbers').length`,
    (n) => n === 0,
    'line numbers to disappear',
  );
  await vs.screenshot('builtin-languages');
}

#!/usr/bin/env node
// Command line: `demo` runs the main job on the embedded data; `regenerate-data` rebuilds data/.
const [command = 'demo', ...rest] = process.argv.slice(2);

if (command === 'demo') {
  const { runDemo } = await import('./node/demo.js');
  await runDemo(rest);
} else if (command === 'regenerate-data') {
  const { regenerateEmbeddedData } = await import('./node/regenerate.js');
  await regenerateEmbeddedData(rest);
} else {
  console.error(`unknown command ${JSON.stringify(command)}; use "demo" or "regenerate-data"`);
  process.exitCode = 2;
}
export {};

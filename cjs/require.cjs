'use strict';
// haikubench is an ES module. `require('haikubench')` loads it through Node's require(esm), which
// Node 20.19 and later have; on an older Node this says what to do instead of a bare ERR_REQUIRE_ESM.
try {
  module.exports = require('../dist/index.js');
} catch (err) {
  const code = err && typeof err === 'object' ? err.code : undefined;
  if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
  throw new Error(
    `haikubench is an ES module, and this Node (${process.version}) cannot require() it. ` +
      'Use `import { evaluate } from "haikubench"` (or `await import("haikubench")` from CommonJS), ' +
      'or Node 20.19 or later without --no-experimental-require-module.',
    { cause: err },
  );
}

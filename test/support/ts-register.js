// Lets a child `node` process run the project's TypeScript as it is (no build step): each .ts
// file is compiled with @swc/core as Jest's own transform does (.swcrc: decorators and their
// metadata, CommonJS). Used with `node -r ./test/support/ts-register.js src/main.ts`.
'use strict';
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTs(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    swcrc: false,
  });
  module._compile(code, filename);
};

#!/usr/bin/env node
// Runs the compiled starter; `npm ci` builds it through the package's prepare script.
import('../dist/src/starter.js');

// Loaded with `node --require` before the built main bundle: `require('electron')` then gets
// the stand-in next to this file instead of the npm package (whose binary cannot run here).
const Module = require('node:module')
const { join } = require('node:path')

const standIn = join(__dirname, 'stand-in-electron.cjs')
const resolveFilename = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standIn : resolveFilename.call(this, request, ...rest)
}

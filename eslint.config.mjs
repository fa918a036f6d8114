import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import prettier from 'eslint-config-prettier'
import { builtinModules } from 'node:module'

// The folder boundaries of docs/ARCHITECTURE.md "Layers", as import bans per folder.
// ESLint applies only the last matching config of a rule to a file, so each folder gets one
// rule entry that lists every ban it is under.
const ban = {
  node: [
    { name: 'Node built-ins', paths: builtinModules.filter((m) => !m.startsWith('_')), regex: '^node:' },
  ],
  electron: [{ name: 'Electron (only main/electron/ and preload/ may import it)', paths: ['electron'], regex: '^(electron|@electron-toolkit)/' }],
  dom: [{ name: 'DOM-only libraries', paths: ['vue', 'pinia'], regex: '^(vue|pinia|@vue|@tanstack/vue-[a-z-]+)/' }],
  main: [{ name: 'main/ (the renderer reaches the node over HTTP only)', regex: '(^|/)main(/|$)' }],
  renderer: [{ name: 'renderer/', regex: '(^|/)renderer(/|$)' }],
  preload: [{ name: 'preload/', regex: '(^|/)preload(/|$)' }],
  server: [{ name: 'main/server/ (sync and server are siblings: what both need lives in main/http or main/lib)', regex: '(^|/)server(/|$)' }],
  sync: [{ name: 'main/sync/ (sync and server are siblings: what both need lives in main/http or main/lib)', regex: '(^|/)sync(/|$)' }],
}

/** One no-restricted-imports rule entry from ban groups. */
function restrictImports(...groups) {
  const list = groups.flat()
  return [
    'error',
    {
      paths: list.flatMap((g) => (g.paths ?? []).map((name) => ({ name, message: `${g.name} may not be imported here (docs/ARCHITECTURE.md "Layers").` }))),
      patterns: list.map((g) => ({ regex: g.regex, message: `${g.name} may not be imported here (docs/ARCHITECTURE.md "Layers").` })),
    },
  ]
}

/** Browser- and Node-only globals that code meant to run anywhere (shared/) may not touch. */
const HOST_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'process', 'Buffer', '__dirname', '__filename', 'require', 'global'].map((name) => ({
  name,
  message: `shared/ runs anywhere: ${name} belongs to one host (docs/ARCHITECTURE.md "Layers").`,
}))

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'tests/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // App code reports through the node's logger, not console.
    files: ['main/**/*.ts', 'renderer/**/*.{ts,vue}', 'shared/**/*.ts', 'preload/**/*.ts'],
    ignores: ['main/headless.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(ban.node, ban.electron, ban.dom, ban.main, ban.renderer, ban.preload),
      'no-restricted-globals': ['error', ...HOST_GLOBALS],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': restrictImports(ban.node, ban.electron, ban.main, ban.preload) },
  },
  {
    files: ['preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.main, ban.renderer) },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.renderer, ban.preload) },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.renderer, ban.preload) },
  },
  {
    files: ['main/sync/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.renderer, ban.preload, ban.server) },
  },
  {
    files: ['main/server/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports(ban.electron, ban.renderer, ban.preload, ban.sync) },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: { 'no-restricted-properties': ['error', { object: 'it', property: 'only' }, { object: 'describe', property: 'only' }, { object: 'test', property: 'only' }] },
  },
  {
    // CommonJS by nature: the stand-in 'electron' module the built main bundle require()s in tests.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
  // eslint-config-prettier switches `curly` off; Prettier keeps braces as written, so it may come back on after it.
  { rules: { curly: ['error', 'all'] } },
)

import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

const here = import.meta.dirname
const alias = { '@shared': resolve(here, 'shared') }

// Our source folders are top-level (design card), so every block names its inputs.
// lowdb and steno are ESM-only: bundle them into main instead of externalising them.
export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      rolldownOptions: {
        input: {
          index: resolve(here, 'main/electron/index.ts'),
          headless: resolve(here, 'main/headless.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      rolldownOptions: {
        input: { index: resolve(here, 'preload/index.ts') },
        // Sandboxed preloads cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(here, 'renderer'),
    resolve: { alias },
    plugins: [vue()],
    build: {
      rolldownOptions: { input: { index: resolve(here, 'renderer/index.html') } },
    },
  },
})

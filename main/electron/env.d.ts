// Vite's `?asset` imports (resources/icon.png copied next to the built main).
/// <reference types="electron-vite/node" />

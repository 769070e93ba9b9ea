import { defineConfig } from "vite";

// Built assets are served by the C++ server (web/dist); no CDN, no inline scripts (CSP).
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, modulePreload: { polyfill: false } },
  server: { proxy: { "/api": "http://127.0.0.1:8080", "/ws": { target: "ws://127.0.0.1:8080", ws: true } } },
});

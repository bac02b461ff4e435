// Ambient types for the renderer build: Vite's asset imports (app.css) and `.svelte` modules.
/// <reference types="vite/client" />
/// <reference types="svelte" />
